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
from pipeline_desktop.storage.repository import Repository


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser("export", help="write the pipeline to an Excel workbook")
    export.add_argument("file", type=Path, help="the .xlsx file to write")
    add_db_option(export)
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
    twins = parser.add_mutually_exclusive_group()
    twins.add_argument("--allow-duplicates", action="store_true",
                       help="add rows that look like deals already in the pipeline (same "
                            "title and company, or a matching ID) as new deals")
    twins.add_argument("--update-duplicates", action="store_true",
                       help="let such rows update the deals they look like instead")
    parser.set_defaults(run=run_import)


def run_export(args: argparse.Namespace) -> int:
    from pipeline_desktop.services.excel.export import export_workbook

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
                          default_currency=args.currency.upper())
        if args.day_first or args.month_first:
            order = DayOrder.DAY_FIRST if args.day_first else DayOrder.MONTH_FIRST
            options.day_orders = {"*": order}  # every date column
        preview = build_preview(session.repository, args.file, options)
        if args.update_duplicates and preview.duplicates:
            preview = build_preview(session.repository, args.file,
                                    with_duplicates_updated(options, preview))
        if args.dry_run or preview.problems:
            _print_preview(preview, args.json, applied=False)
            return 1 if preview.problems else 0
        if preview.duplicates and not args.allow_duplicates:
            if args.json:
                _print_preview(preview, True, applied=False)
            print(_duplicates_refused(preview), file=sys.stderr)
            return 1
        apply_preview(session.repository, preview, session.path,
                      take_conflicts=args.on_conflict == "take")
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


def _print_preview(preview, as_json: bool, *, applied: bool) -> None:
    if as_json:
        print(json.dumps({
            "applied": applied,
            "file": str(preview.source.path), "sheet": preview.sheet, "own_workbook": preview.own,
            "counts": {name: vars(c) for name, c in preview.counts.items()},
            "new": preview.deals.new, "updated": preview.deals.changed,
            "unchanged": preview.deals.unchanged, "rejected": preview.rejected,
            "new_stages": preview.new_stages,
            "mapping": dict(zip(preview.headers, preview.fields, strict=False)),
            "changes": [{"deal_id": c.deal_id, "title": c.title, "row": c.row,
                         "conflict": c.conflict, "fields": c.fields} for c in preview.changes],
            "conflicts": sorted(preview.conflicts),
            "duplicates": len(preview.duplicates),
            "duplicate_rows": [{"row": d.row, "deal_id": d.deal_id, "reason": d.reason}
                               for d in preview.duplicates],
            "problems": [str(p) for p in preview.problems],
            "warnings": preview.warnings,
        }, default=str, indent=2))
        return
    if preview.problems:
        for problem in preview.problems:
            print(problem, file=sys.stderr)
        print(f"error: {preview.rejected} rows rejected; nothing was imported", file=sys.stderr)
        return
    if not applied:
        print("\n".join(preview.lines()))
        print("(dry run: nothing was written)")
        return
    for warning in preview.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    extra = "; ".join(f"{name}: {counts}" for name, counts in preview.counts.items()
                      if name != "Deals" and (counts.new or counts.changed))
    conflicts = f"; {len(preview.conflicts)} conflicting deals kept as they are in the app" \
        if preview.conflicts else ""
    print(f"{preview.summary()}" + (f" ({extra})" if extra else "") + conflicts)

