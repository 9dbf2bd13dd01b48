"""`pipeline-desktop export FILE` and `pipeline-desktop import FILE [--dry-run] [--json]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline_desktop.cli import add_db_option
from pipeline_desktop.domain.import_values import DayOrder
from pipeline_desktop.errors import UsageError
from pipeline_desktop.services.excel.mapping import PRESETS_KEY, parse_map_option
from pipeline_desktop.session import open_session, resolve_url
from pipeline_desktop.storage.integrity import NOTHING_IMPORTED, WriteFault
from pipeline_desktop.storage.repository import Repository


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser(
        "export", help="write the pipeline to an Excel workbook, or the deals for a CRM",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=_CRM_EPILOG)
    export.add_argument("file", type=Path,
                        help="the .xlsx file to write (with --for: .csv or .xlsx)")
    add_db_option(export)
    add_crm_export_arguments(export)
    export.set_defaults(run=run_export)

    parser = subparsers.add_parser(
        "import", help="import a workbook or CSV file (ours, or another CRM's export)",
        description="Shows what will change, then applies it as one transaction after a "
                    "backup. Exit 0 when applied, 1 when rows were rejected (nothing written), "
                    "2 for wrong usage.")
    parser.add_argument("file", type=Path,
                        help=".xlsx, .xlsm, .xls, .ods, .csv, .tsv or .txt file")
    add_db_option(parser)
    parser.add_argument("--dry-run", action="store_true", help="print the preview, write nothing")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--sheet", help="the sheet that holds the deals")
    parser.add_argument("--map", action="append", default=[], metavar="HEADER=FIELD",
                        help="map a column to a field (repeatable); field 'ignore' skips it")
    parser.add_argument("--preset", metavar="NAME",
                        help="start from a mapping saved in the pipeline (File › Import…)")
    parser.add_argument("--save-preset", metavar="NAME",
                        help="save the --preset and --map mapping under NAME for next time")
    order = parser.add_mutually_exclusive_group()
    order.add_argument("--day-first", action="store_true",
                       help="read ambiguous dates like 03/04/2026 as 3 April")
    order.add_argument("--month-first", action="store_true",
                       help="read ambiguous dates like 03/04/2026 as March 4")
    parser.add_argument("--on-conflict", choices=("keep", "take"), default="keep",
                        help="deals edited in the app since the export: keep the app's version "
                             "(default) or take the workbook's")
    parser.add_argument("--currency", default="USD", help="currency of new deals without one")
    parser.add_argument("--settings", choices=("keep", "take"),
                        help="settings sheets (targets, ideal customer, thresholds, lists) that "
                             "differ from the pipeline's: keep the pipeline's or take the "
                             "file's (default: take into an empty pipeline, else keep)")
    add_stage_arguments(parser)
    twins = parser.add_mutually_exclusive_group()
    twins.add_argument("--allow-duplicates", action="store_true",
                       help="add rows that look like deals already in the pipeline (same "
                            "title and company, or a matching ID) as new deals")
    twins.add_argument("--update-duplicates", action="store_true",
                       help="let such rows update the deals they look like instead")
    parser.set_defaults(run=run_import)


def run_export(args: argparse.Namespace) -> int:
    from pipeline_desktop.services.excel.export import export_workbook

    if args.for_crm or args.changed:
        return _run_crm_export(args)
    if args.file.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UsageError("the export file name must end in .xlsx")
    session = open_session(resolve_url(getattr(args, "db", None)), create=False)
    try:
        count = export_workbook(session.repository, args.file, pipeline_file=session.url)
    finally:
        session.close()
    print(f"{count} deals exported to {args.file}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from pipeline_desktop.services.excel.duplicates import with_duplicates_updated
    from pipeline_desktop.services.excel.preview import Options, apply_preview, build_preview

    session = open_session(resolve_url(getattr(args, "db", None)))
    try:
        mapping = _preset_mapping(session.repository, args)
        options = Options(sheet=args.sheet, mapping=mapping,
                          default_currency=args.currency.upper(),
                          stages=_preset_stages(session.repository, args))
        if args.day_first or args.month_first:
            order = DayOrder.DAY_FIRST if args.day_first else DayOrder.MONTH_FIRST
            options.day_orders = {"*": order}  # every date column
        preview = build_preview(session.repository, args.file, options)
        if args.update_duplicates and preview.duplicates:
            preview = build_preview(session.repository, args.file,
                                    with_duplicates_updated(options, preview))
        if args.settings:
            preview.settings.accepted = args.settings == "take"
        if args.dry_run or preview.problems:
            _print_preview(preview, args.json, applied=False)
            return 1 if preview.problems else 0
        if preview.duplicates and not args.allow_duplicates:
            if args.json:
                _print_preview(preview, True, applied=False)
            print(_duplicates_refused(preview), file=sys.stderr)
            return 1
        try:
            apply_preview(session.repository, preview, session.path,
                          take_conflicts=args.on_conflict == "take")
        except WriteFault as fault:
            raise fault.with_outcome(NOTHING_IMPORTED) from None
        _print_preview(preview, args.json, applied=True)
    finally:
        session.close()
    return 0


def _duplicates_refused(preview) -> str:
    count = len(preview.duplicates)
    verb = "looks" if count == 1 else "look"
    return (f"error: {count} row{'s' if count != 1 else ''} {verb} like deals already in the "
            "pipeline (same title and company, or a matching ID); nothing was imported. "
            "Use --update-duplicates to update those deals, --allow-duplicates to add them "
            "as new, or --dry-run to list them")


def _preset_mapping(repository: Repository, args: argparse.Namespace) -> dict[str, str]:
    presets = repository.setting(PRESETS_KEY, {}) or {}
    mapping: dict[str, str] = {}
    if args.preset:
        if args.preset not in presets:
            known = ", ".join(sorted(presets)) or "none saved yet"
            raise UsageError(f"No import preset named '{args.preset}' ({known})")
        mapping.update(presets[args.preset])
    mapping.update(parse_map_option(args.map))
    if args.save_preset:
        repository.set_setting(PRESETS_KEY, {**presets, args.save_preset: mapping})
    return mapping


# ---- stage mapping and the way back to a CRM (issue 14) ------------------------------------

_CRM_EPILOG = """\
For a CRM (--for): the CRM's own import layout and header names. Deals that came from
that CRM keep its record ID and are updated there; deals made here go out without one and
are created. Stages go out under the names the CRM used, won and lost deals under its own
words. --changed writes only the deals made or changed here since they last came from it.
In a .csv file a text starting with = + - @ gets a leading apostrophe (so no spreadsheet
program runs it as a formula); .xlsx needs none. Salesforce's Data Loader reads only CSV."""


def add_crm_export_arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument("--for", dest="for_crm", choices=("hubspot", "salesforce", "pipedrive"),
                        help="write the deals in that CRM's import layout (.csv or .xlsx)")
    export.add_argument("--changed", action="store_true",
                        help="with --for: only deals made or changed here since they last "
                             "came from that CRM")


def add_stage_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stage", action="append", default=[], metavar="NAME=STAGE",
        help="map a stage name of the file onto a stage here (repeatable): "
             "\"Contract Sent=Proposal\"; \"Contract Sent=new:40\" creates it before Won and "
             "Lost at 40 %%. Unmapped unknown stages are created there at the file's "
             "probability (else the lowest open stage's); saved with --save-preset")


def _run_crm_export(args: argparse.Namespace) -> int:
    from pipeline_desktop.services.excel.crm_export import export_for_crm, layout_for

    if not args.for_crm:
        raise UsageError("--changed goes with --for hubspot|salesforce|pipedrive")
    if args.file.suffix.lower() not in (".csv", ".xlsx"):
        raise UsageError("the file for a CRM must end in .csv or .xlsx")
    session = open_session(resolve_url(getattr(args, "db", None)), create=False)
    try:
        written = export_for_crm(session.repository, args.file, args.for_crm,
                                 changed_only=args.changed)
    finally:
        session.close()
    which = "changed deals" if args.changed else "deals"
    print(f"{written.deals} {which} written for {layout_for(args.for_crm).name} to {args.file}")
    if written.neutralised:
        print(f"warning: {written.neutralised} text cells start with = + - or @ and were "
              "written with a leading apostrophe, which the CRM keeps as part of the text "
              "(an .xlsx file needs none)", file=sys.stderr)
    return 0


def _preset_stages(repository: Repository, args: argparse.Namespace) -> dict[str, str]:
    """The preset's stage choices, then --stage; saved with --save-preset."""
    from pipeline_desktop.services.excel.stage_choices import (
        STAGE_PRESETS_KEY,
        parse_stage_option,
    )

    saved = repository.setting(STAGE_PRESETS_KEY, {}) or {}
    stages: dict[str, str] = dict(saved.get(args.preset, {})) if args.preset else {}
    stages.update(parse_stage_option(args.stage))
    if args.save_preset:
        repository.set_setting(STAGE_PRESETS_KEY, {**saved, args.save_preset: stages})
    return stages


def _print_preview(preview, as_json: bool, *, applied: bool) -> None:
    if as_json:
        print(json.dumps({
            "applied": applied,
            "file": str(preview.source.path), "sheet": preview.sheet, "own_workbook": preview.own,
            "counts": {name: vars(c) for name, c in preview.counts.items()},
            "new": preview.deals.new, "updated": preview.deals.changed,
            "unchanged": preview.deals.unchanged, "rejected": preview.rejected,
            "new_stages": preview.new_stages,
            "unknown_stages": preview.unknown_stages, "crm": preview.crm,
            "mapping": dict(zip(preview.headers, preview.fields, strict=False)),
            "changes": [{"deal_id": c.deal_id, "title": c.title, "row": c.row,
                         "conflict": c.conflict, "fields": c.fields} for c in preview.changes],
            "conflicts": sorted(preview.conflicts),
            "duplicates": len(preview.duplicates),
            "duplicate_rows": [{"row": d.row, "deal_id": d.deal_id, "reason": d.reason}
                               for d in preview.duplicates],
            "problems": [str(p) for p in preview.problems],
            "warnings": preview.warnings,
            "settings": _settings_json(preview, applied),
        }, default=str, indent=2))
        return
    if preview.problems:
        for problem in preview.problems:
            print(problem, file=sys.stderr)
        print(f"error: {preview.rejected} rows rejected; nothing was imported", file=sys.stderr)
        return
    if not applied:
        print("\n".join(preview.lines()))
        _print_settings_hint(preview)
        print("(dry run: nothing was written)")
        return
    for warning in preview.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    extra = "; ".join(f"{name}: {counts}" for name, counts in preview.counts.items()
                      if name != "Deals" and (counts.new or counts.changed))
    conflicts = f"; {len(preview.conflicts)} conflicting deals kept as they are in the app" \
        if preview.conflicts else ""
    print(f"{preview.summary()}" + (f" ({extra})" if extra else "") + conflicts)
    _print_settings_hint(preview, applied=True)


def _settings_json(preview, applied: bool) -> dict:
    """The settings sheets' differences; `applied`: written by this import."""
    return {**preview.settings.to_json(), "applied": applied and preview.settings.accepted
            and bool(preview.settings)}


def _print_settings_hint(preview, *, applied: bool = False) -> None:
    """What happened to the settings that differ, and the option that changes it."""
    settings = preview.settings
    if not settings:
        return
    count = len(settings.lines())
    what = f"{count} setting difference{'s' if count != 1 else ''}"
    if applied and settings.accepted:
        print(f"Settings: {what} taken from the file")
    elif applied:
        print(f"warning: {what} from the file not applied (the pipeline's settings kept); "
              "--settings take applies them", file=sys.stderr)
    else:
        print("(--settings take applies them, --settings keep leaves them)")

