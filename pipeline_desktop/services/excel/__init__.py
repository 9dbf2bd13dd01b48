"""Excel sync: sniff → safety → read → map → validate → plan/preview → apply, and export.

Nothing here imports Qt; the import wizard and the command line both drive these modules.

Libraries (measured on 100,000 deals, see benchmarks/bench_*.py):
- export: xlsxwriter in constant-memory mode, `write_string` for every text (nothing becomes a
  formula), numbers with money/date formats; ~1.2× xlsxwriter's raw write of the same cells,
  ~240 MB.
- import: python-calamine reads the cells of .xlsx, .xlsm, .ods and .xls (~10× openpyxl's
  read-only mode), but only after `safety` (`safety_ods`, `safety_xls`) has inflated every
  part as a stream (sizes, ratios, entity declarations) and measured each sheet's real
  extent: calamine allocates the whole rectangle and aborts the process on a stray cell at
  XFD1048576. Sheets too big for that rectangle go to `stream` / `stream_ods` (defusedxml
  iterparse, stops after a run of empty rows). `ownership` recognises our own Deals sheet in
  any container (a CSV, a sheet alone); `duplicates` is the guard against adding twice.
  openpyxl is not used for reading (it trusts <dimension> and scans a whole sheet when the
  tag is missing).
- writes: `executemany` in one transaction (peewee's insert_many is ~6× slower)."""
