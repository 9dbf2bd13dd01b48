"""Entry point of the bundled app (PyInstaller needs a script, not a console_scripts entry)."""

import sys

from pipeline_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
