"""The ideal-customer and lists dialogs: edits stored as one undoable step."""

from __future__ import annotations

from pipeline_desktop.storage import process_store as store
from pipeline_desktop.ui.dialogs.icp import IcpDialog
from pipeline_desktop.ui.dialogs.lists import ListsDialog


def test_icp_edit_scores_deals_and_undo(qtbot, controller) -> None:
    repository = controller.repository
    dialog = IcpDialog(controller)
    qtbot.addWidget(dialog)
    known = store.known_profile_values(repository)
    assert dialog.industries.list.count() == len(known["industries"])
    dialog.industries.set_checked(known["industries"][0])
    dialog.industries.new.setText("Aerospace")
    dialog.industries.add_typed()
    dialog.use_min.setChecked(True)
    dialog.min_employees.setValue(50)
    dialog.titles.set_checked("Director")
    dialog.accept()
    profile = store.load_icp(repository)
    assert profile.industries == (known["industries"][0], "Aerospace")
    assert profile.min_employees == 50 and profile.max_employees is None
    assert profile.job_titles == ("Director",)
    fits = [row.fit for row in repository.deal_rows()]
    assert all(f is not None for f in fits) and len(set(fits)) > 1
    controller.undo_stack.undo()
    assert store.load_icp(repository).is_empty
    assert all(row.fit is None for row in repository.deal_rows())
    controller.undo_stack.redo()
    assert store.load_icp(repository) == profile


def test_icp_unchanged_stores_nothing(qtbot, controller) -> None:
    dialog = IcpDialog(controller)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert controller.undo_stack.count() == 0


def test_lists_edit_and_undo(qtbot, controller) -> None:
    repository = controller.repository
    before = store.text_list(repository, "lead_sources")
    dialog = ListsDialog(controller)
    qtbot.addWidget(dialog)
    dialog.editors["lead_sources"].setPlainText("Website\n\n Trade fair \nWebsite")
    dialog.accept()
    assert store.text_list(repository, "lead_sources") == ["Website", "Trade fair"]
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert store.text_list(repository, "lead_sources") == before
