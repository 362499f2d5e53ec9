"""Files the running program loads from disk: the application icon and the system-package list.

The paths resolve inside the installed package and inside the frozen build alike (PyInstaller
keeps the package layout under its _internal folder). Rendered sizes for installers live in the
repository's resources/ folder; this folder holds only what the program itself opens.
"""

from pathlib import Path

RESOURCE_DIR = Path(__file__).resolve().parent
ICON_SVG = RESOURCE_DIR / "convdesk.svg"
# The Debian packages Qt and the tests need (convdesk.startup, scripts/setup.sh, the .deb).
SYSTEM_DEPS = RESOURCE_DIR / "system-deps.txt"
