from pipeline_desktop.cli import main

raise SystemExit(main())
