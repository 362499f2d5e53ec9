#!/usr/bin/env bash
# Build the frozen one-folder app and, on Debian-like Linux, its .deb, from a clone of the repository:
#   packaging/dist/convdesk/                          the one-folder build (run packaging/dist/convdesk/convdesk)
#   packaging/dist/convdesk_<version>_<arch>.deb       the Linux installer
# The Python that builds is $PYTHON, else the repository's .venv, else a new venv in packaging/build/venv
# with the project and PyInstaller installed into it (that needs the package index once).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

python=${PYTHON:-}
if [ -z "$python" ] && [ -x .venv/bin/python ]; then
  python=.venv/bin/python
fi
if [ -z "$python" ]; then
  python=packaging/build/venv/bin/python
  [ -x "$python" ] || python3 -m venv packaging/build/venv
fi
if ! "$python" -c "import PyInstaller, PySide6, pyqtgraph" 2>/dev/null; then
  "$python" -m pip install --quiet -e ".[freeze]"
fi

start=$SECONDS
"$python" -m PyInstaller --noconfirm --log-level WARN \
  --distpath packaging/dist --workpath packaging/build packaging/convdesk.spec
echo "frozen app: packaging/dist/convdesk ($(du -sh packaging/dist/convdesk | cut -f1)," \
  "$((SECONDS - start)) s)"

if [ "$(uname -s)" = Linux ] && command -v dpkg-deb >/dev/null; then
  deb_start=$SECONDS
  deb=$("$python" packaging/build_deb.py)
  echo "installer: $deb ($(du -h "$deb" | cut -f1), $((SECONDS - deb_start)) s)"
fi
echo "built in $((SECONDS - start)) s"
