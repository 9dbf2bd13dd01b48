"""File › Import…: choose how columns map to fields (with sample values), see exactly what will
change, then import or cancel. Reading and previewing run in a worker thread.

The wizard holds no import logic: it turns the user's choices into `preview.Options`, asks the
service for a Preview, and shows it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.domain.import_values import DayOrder
from pipeline_desktop.services.excel.mapping import CUSTOM, FIELDS, IGNORE
from pipeline_desktop.services.excel.preview import Options, Preview
from pipeline_desktop.ui.dialogs.import_lists import add_new_deals, nothing_to_import
from pipeline_desktop.ui.dialogs.import_settings import SettingsDifferences
from pipeline_desktop.ui.dialogs.stage_mapping import StageContext, StageMappingTable

MAX_SHOWN = 500  # changed deals and problems listed (the counts cover all of them)
_FIELD_LABELS = {
    CUSTOM: "Keep as custom field", IGNORE: "Ignore this column", "title": "Title",
    "company": "Company", "contact": "Contact person", "email": "Contact email",
    "phone": "Contact phone", "value": "Value", "currency": "Currency", "stage": "Stage",
    "status": "Status (open/won/lost)", "owner": "Owner", "source": "Lead source",
    "created": "Created", "expected_close": "Expected close", "closed": "Closed on",
    "probability": "Probability", "lost_reason": "Lost reason",
    "external_id": "External ID (other CRM)", "notes": "Notes", "industry": "Industry",
    "employees": "Employees", "job_title": "Contact job title", "region": "Region",
    "website": "Website", "next_step": "Next step", "budget": "Budget",
    "budget_confirmed": "Budget confirmed", "authority_known": "Authority known",
    "authority_name": "Decision maker", "need": "Need", "timeline": "Timeline",
    "criteria_met": "Exit criteria met", "is_won": "Is won (yes/no)",
    "is_closed": "Is closed (yes/no)", "won_time": "Won on", "lost_time": "Lost on",
}
Rebuild = Callable[[Options], Preview | None]  # runs the preview in a worker; None: cancelled


class ImportWizard(QDialog):
    def __init__(self, preview: Preview, rebuild: Rebuild, presets: dict[str, dict[str, str]],
                 save_presets: Callable[[dict[str, dict[str, str]]], None],
                 parent: QWidget | None = None, *,
                 stage_context: StageContext | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_wizard")
        self.preview = preview
        self.rebuild = rebuild
        self.presets = dict(presets)
        self.save_presets = save_presets
        self.take_conflicts = False
        self.stage_context = stage_context or StageContext([])
        self.chosen_stages: dict[str, str] = dict(preview.stage_choices)  # from a preset
        self.stages_edited = False  # the stage table differs from what the preview used
        self.match_rows: dict[int, int] = {}  # duplicates the person chose to update
        self.add_duplicates = False  # … or to add as new anyway
        self.setWindowTitle(self.tr("Import %s") % preview.source.path.name)
        self.resize(920, 620)
        self.pages = QStackedWidget(self)
        self.map_page = self._build_map_page()
        self.preview_page = self._build_preview_page()
        self.pages.addWidget(self.map_page)
        self.pages.addWidget(self.preview_page)
        self.back_button = QPushButton(self.tr("< Back"), self)
        self.next_button = QPushButton(self.tr("Preview >"), self)
        self.next_button.setObjectName("next_button")
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.setObjectName("import_button")
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.back_button.clicked.connect(self._forget_duplicate_choice)
        self.back_button.clicked.connect(self._update_buttons)
        self.next_button.clicked.connect(self.show_preview)
        self.import_button.clicked.connect(self._accept_import)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.import_button,
                       self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self._fill_mapping(preview)
        self._fill_preview(preview)
        self.pages.setCurrentIndex(1 if preview.own else 0)
        self._update_buttons()

    @classmethod
    def ask(cls, preview: Preview, rebuild: Rebuild, presets: dict[str, dict[str, str]],
            save_presets: Callable[[dict[str, dict[str, str]]], None],
            parent: QWidget | None = None, *, stage_context: StageContext | None = None
            ) -> tuple[Preview, bool] | None:
        """(the preview to apply, take conflicting rows from the file) or None (cancelled)."""
        dialog = cls(preview, rebuild, presets, save_presets, parent,
                     stage_context=stage_context)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.preview, dialog.take_conflicts

    # ---- page 1: columns ------------------------------------------------------------------

    def _build_map_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(self.tr("Choose what each column holds. Columns kept as custom fields "
                               "are stored with each deal, so nothing is dropped."), page)
        intro.setWordWrap(True)
        self.sheet_combo = QComboBox(page)
        self.sheet_combo.setObjectName("sheet_combo")
        self.day_combo = QComboBox(page)
        self.day_combo.setObjectName("day_order_combo")
        self.day_combo.addItem(self.tr("Decide from the column (or month first)"), None)
        self.day_combo.addItem(self.tr("Month first: 03/04 is March 4"), DayOrder.MONTH_FIRST)
        self.day_combo.addItem(self.tr("Day first: 03/04 is 3 April"), DayOrder.DAY_FIRST)
        self.preset_combo = QComboBox(page)
        self.preset_combo.setObjectName("preset_combo")
        self.preset_combo.activated.connect(self._apply_preset)
        save = QPushButton(self.tr("Save as preset…"), page)
        save.clicked.connect(self._save_preset)
        top = QHBoxLayout()
        for label, widget in ((self.tr("Sheet:"), self.sheet_combo),
                              (self.tr("Dates:"), self.day_combo),
                              (self.tr("Preset:"), self.preset_combo)):
            top.addWidget(QLabel(label, page))
            top.addWidget(widget)
        top.addWidget(save)
        top.addStretch(1)
        self.table = QTableWidget(0, 3, page)
        self.table.setObjectName("mapping_table")
        self.table.setHorizontalHeaderLabels([self.tr("Column in the file"),
                                              self.tr("Sample values"), self.tr("Import as")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        return page

    def _fill_mapping(self, preview: Preview) -> None:
        self.sheet_combo.clear()
        self.sheet_combo.addItems(preview.source.sheet_names)
        self.sheet_combo.setCurrentText(preview.sheet)
        self.sheet_combo.setEnabled(len(preview.source.sheet_names) > 1)
        self._fill_presets()
        self.table.setRowCount(0)
        self.combos: list[QComboBox] = []
        for row, (header, field) in enumerate(zip(preview.headers, preview.fields,
                                                   strict=False)):
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(header or self.tr("(no header)")))
            samples = preview.samples[row] if row < len(preview.samples) else []
            self.table.setItem(row, 1, QTableWidgetItem("; ".join(str(s) for s in samples)))
            combo = QComboBox(self.table)
            for name in (CUSTOM, IGNORE, *[f for f in FIELDS if f != IGNORE]):
                combo.addItem(self.tr(_FIELD_LABELS.get(name, name)), name)
            index = combo.findData(field)
            combo.setCurrentIndex(index if index >= 0 else 0)
            self.table.setCellWidget(row, 2, combo)
            self.combos.append(combo)
        self.table.resizeColumnToContents(2)

    def _fill_presets(self) -> None:
        self.preset_combo.clear()
        self.preset_combo.addItem(self.tr("(choose)"), None)
        for name in sorted(self.presets):
            self.preset_combo.addItem(name, name)

    def mapping(self) -> dict[str, str]:
        return {header: combo.currentData() for header, combo in
                zip(self.preview.headers, self.combos, strict=False) if header}

    def options(self) -> Options:
        order = self.day_combo.currentData()
        return Options(sheet=self.sheet_combo.currentText() or None, mapping=self.mapping(),
                       day_orders={"*": order} if order else {}, stages=self.stage_choices(),
                       match_rows=dict(self.match_rows))

    def stage_choices(self) -> dict[str, str]:
        return {**self.chosen_stages, **self.stage_table.choices()}

    def _apply_preset(self) -> None:
        name = self.preset_combo.currentData() or ""
        self.chosen_stages = dict(self.stage_context.presets.get(name, {}))
        self.stage_table.fill([], [], {}, {})  # the preset's stage choices, not the table's
        preset = self.presets.get(name, {})
        for header, combo in zip(self.preview.headers, self.combos, strict=False):
            if header in preset:
                index = combo.findData(preset[header])
                if index >= 0:
                    combo.setCurrentIndex(index)

    def _save_preset(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save mapping"), self.tr("Preset name:"))
        if ok and name.strip():
            self.presets[name.strip()] = self.mapping()
            self.save_presets(self.presets)
            self.stage_context.presets[name.strip()] = self.stage_choices()
            self.stage_context.save_presets(self.stage_context.presets)
            self._fill_presets()
            self.preset_combo.setCurrentText(name.strip())

    # ---- page 2: preview ------------------------------------------------------------------

    def _build_preview_page(self) -> QWidget:
        page = QWidget(self)
        self.summary = QLabel(page)
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.changes = QTreeWidget(page)
        self.changes.setObjectName("changes_tree")
        self.changes.setHeaderLabels([self.tr("Deal / field"), self.tr("Now"),
                                      self.tr("After import")])
        self.changes.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.changes.header().setStretchLastSection(True)
        self.changes.setColumnWidth(0, 400)
        self.changes.setColumnWidth(1, 220)
        self.problems = QListWidget(page)
        self.problems.setObjectName("problems_list")
        self.conflict_box = QWidget(page)
        keep = QRadioButton(self.tr("Keep the app's version of deals edited since the export"),
                            self.conflict_box)
        take = QRadioButton(self.tr("Take the file's version"), self.conflict_box)
        keep.setChecked(True)
        self.conflict_group = QButtonGroup(self)
        self.conflict_group.addButton(keep, 0)
        self.conflict_group.addButton(take, 1)
        conflict_layout = QHBoxLayout(self.conflict_box)
        conflict_layout.setContentsMargins(0, 0, 0, 0)
        conflict_layout.addWidget(keep)
        conflict_layout.addWidget(take)
        conflict_layout.addStretch(1)
        self.settings_box = SettingsDifferences(page)
        self.duplicate_box = self._build_duplicate_box(page)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.duplicate_box)
        layout.addWidget(self.conflict_box)
        layout.addWidget(self.settings_box, 1)
        layout.addWidget(self._build_stage_box(page), 2)
        self.changes_label = QLabel(self.tr("New deals, and changes to deals already in the "
                                            "pipeline:"), page)
        layout.addWidget(self.changes_label)
        layout.addWidget(self.changes, 3)
        self.problems_label = QLabel(self.tr("Problems (fix them in the file, or map the "
                                             "column differently):"), page)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems, 2)
        return page

    def _build_stage_box(self, page: QWidget) -> QWidget:
        self.stage_box = QWidget(page)
        self.stage_table = StageMappingTable(self.stage_box)
        self.stage_table.edited.connect(self._stages_edited)
        self.stage_update_button = QPushButton(self.tr("Update preview"), self.stage_box)
        self.stage_update_button.setObjectName("stage_update_button")
        self.stage_update_button.clicked.connect(self.show_preview)
        heading = QHBoxLayout()
        heading.addWidget(QLabel(self.tr("Stages this pipeline does not have: map each onto "
                                         "a stage, or create it"), self.stage_box), 1)
        heading.addWidget(self.stage_update_button)
        layout = QVBoxLayout(self.stage_box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.stage_table)
        return self.stage_box

    def _stages_edited(self) -> None:
        self.stages_edited = True
        self.stage_update_button.setEnabled(True)

    def _fill_stages(self, preview: Preview) -> None:
        self.stage_table.fill(preview.unknown_stages, self.stage_context.stages,
                              preview.stage_choices, preview.new_stage_probability)
        self.stage_box.setVisible(bool(preview.unknown_stages))
        self.stages_edited = False
        self.stage_update_button.setEnabled(False)

    def _fill_preview(self, preview: Preview) -> None:
        self._fill_stages(preview)
        lines = [self.tr("Deals: %s, %d rejected") % (preview.deals, preview.rejected)]
        lines += [f"{name}: {counts}" for name, counts in preview.counts.items()
                  if name != "Deals"]
        if preview.new_stages:
            lines.append(self.tr("New stages: %s") % ", ".join(preview.new_stages))
        lines += [self.tr("Note: %s") % w for w in preview.warnings]
        if preview.conflicts:
            lines.append(self.tr("%d deals were edited in the app after this file was "
                                 "exported.") % len(preview.conflicts))
        self.summary.setText("\n".join(lines))
        self._fill_duplicates(preview)
        self.conflict_box.setVisible(bool(preview.conflicts))
        self.settings_box.fill(preview.settings)
        self.changes.clear()
        for change in preview.changes[:MAX_SHOWN]:
            title = f"{change.title} (#{change.deal_id}, row {change.row})"
            if change.conflict:
                title += " " + self.tr("— edited in the app since the export")
            item = QTreeWidgetItem([title])
            for label, old, new in change.fields:
                item.addChild(QTreeWidgetItem([label, old, new]))
            self.changes.addTopLevelItem(item)
        if len(preview.changes) > MAX_SHOWN:
            self.changes.addTopLevelItem(QTreeWidgetItem(
                [self.tr("… and %d more") % (len(preview.changes) - MAX_SHOWN)]))
        self.changes.expandToDepth(0)
        add_new_deals(self.changes, preview, MAX_SHOWN)
        nothing = nothing_to_import(preview)
        if nothing is not None:  # a sentence, not an empty table
            self.summary.setText(nothing)
        self.changes.setVisible(nothing is None)
        self.changes_label.setVisible(nothing is None)
        self.cancel_button.setText(self.tr("Close") if nothing else self.tr("Cancel"))
        self.problems.clear()
        self.problems.addItems([str(p) for p in preview.problems[:MAX_SHOWN]])
        self.problems.setVisible(bool(preview.problems))
        self.problems_label.setVisible(bool(preview.problems))

    def show_preview(self) -> None:
        fresh = self.rebuild(self.options())
        if fresh is None:
            return
        if fresh.headers != self.preview.headers:  # another sheet: its own columns
            self._fill_mapping(fresh)
        self.preview = fresh
        self._fill_preview(fresh)
        self.pages.setCurrentIndex(1)
        self._update_buttons()

    def _update_buttons(self) -> None:
        on_preview = self.pages.currentIndex() == 1
        self.back_button.setVisible(on_preview and not self.preview.own)
        self.next_button.setVisible(not on_preview)
        self.import_button.setVisible(on_preview)
        self.import_button.setEnabled(on_preview and not self.preview.problems
                                      and self.preview.has_changes
                                      and (not self.preview.duplicates or self.add_duplicates))
        self.import_button.setDefault(on_preview)
        self.next_button.setDefault(not on_preview)

    # ---- the duplicate guard ---------------------------------------------------------------

    def _build_duplicate_box(self, page: QWidget) -> QWidget:
        """Rows that would be new but look like deals already here: update those deals, add
        them as new anyway, or Cancel (the dialog's own button)."""
        box = QWidget(page)
        box.setObjectName("duplicate_box")
        self.duplicate_label = QLabel(box)
        self.duplicate_label.setObjectName("duplicate_label")
        self.duplicate_label.setWordWrap(True)
        self.duplicate_label.setTextFormat(Qt.TextFormat.PlainText)
        self.update_duplicates_button = QPushButton(self.tr("Update those deals"), box)
        self.update_duplicates_button.setObjectName("update_duplicates_button")
        self.add_duplicates_button = QPushButton(self.tr("Add them as new anyway"), box)
        self.add_duplicates_button.setObjectName("add_duplicates_button")
        self.update_duplicates_button.clicked.connect(self._update_duplicates)
        self.add_duplicates_button.clicked.connect(self._add_duplicates)
        row = QHBoxLayout()
        row.addWidget(self.update_duplicates_button)
        row.addWidget(self.add_duplicates_button)
        row.addStretch(1)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.duplicate_label)
        layout.addLayout(row)
        return box

    def _fill_duplicates(self, preview: Preview) -> None:
        found = preview.duplicates
        self.duplicate_box.setVisible(bool(found) and not self.add_duplicates)
        if not found:
            return
        first = found[0]
        if len(found) == 1:
            text = self.tr("Row %d looks like deal #%d already in the pipeline (%s). Update that "
                           "deal, add the row as a new deal anyway, or Cancel.") % (
                first.row, first.deal_id, first.reason)
        else:
            text = self.tr("%d new rows look like deals already in the pipeline (same title and "
                           "company, or a matching ID; row %d looks like deal #%d: %s). Update "
                           "those deals, add them as new anyway, or Cancel.") % (
                len(found), first.row, first.deal_id, first.reason)
        self.duplicate_label.setText(text)

    def _update_duplicates(self) -> None:
        before = dict(self.match_rows)
        self.match_rows.update((d.row, d.deal_id) for d in self.preview.duplicates)
        fresh = self.rebuild(self.options())
        if fresh is None:  # the preview was cancelled: nothing chosen
            self.match_rows = before
            return
        self.preview = fresh
        self._fill_preview(fresh)
        self._update_buttons()

    def _add_duplicates(self) -> None:
        self.add_duplicates = True
        self.duplicate_box.setVisible(False)
        self._update_buttons()

    def _forget_duplicate_choice(self) -> None:
        """Back to the columns: another mapping gives other rows, so the choice is asked
        again."""
        self.match_rows = {}
        self.add_duplicates = False

    def _accept_import(self) -> None:
        if self.stages_edited:  # the preview shown is not what these choices would import
            self.show_preview()
            if self.stages_edited or self.preview.problems or not self.preview.has_changes:
                return
        self.take_conflicts = self.conflict_group.checkedId() == 1
        self.accept()

