#!/usr/bin/env bash
# The frozen-build part of CI, called by .ci/run: build the one-folder app and the .deb
# (packaging/build.sh), smoke-test the build, check the .deb's contents, and where this runs as
# root with apt-get (CI's machine), install the .deb, smoke-test the installed command, remove it
# and check that nothing is left (measured times: docs/packaging.md, Figures). Builds with
# $PYTHON, else the repository's .venv, else a venv that build.sh makes in packaging/build/venv.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
python=${PYTHON:-}
if [ -z "$python" ] && [ -x .venv/bin/python ]; then python=.venv/bin/python; fi

as_root=false
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then as_root=true; fi

# The libraries the build leaves to the OS must be on this machine for the smoke test's library
# check (a fresh machine lacks e.g. libxcb-icccm4). They are the .deb's Depends.
depends=$("${python:-python3}" -c "import sys; sys.path.insert(0, 'packaging'); import build_deb; print(' '.join(build_deb.DEPENDS))")
missing=$(for p in $depends; do dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "ok installed" || echo "$p"; done)
if [ -n "$missing" ]; then
  if $as_root; then
    echo "installing the system libraries the app leaves to the OS: $missing"
    apt-get update -qq
    # shellcheck disable=SC2086  # one package per word
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "missing system libraries (the smoke test will name what fails): $missing"
  fi
fi

start=$SECONDS
PYTHON=$python packaging/build.sh 2>&1 | grep -v -e "Library not found" -e "Failed to collect submodules"
python=${python:-packaging/build/venv/bin/python}
"$python" packaging/smoke_test.py
checks=1

version=$("$python" packaging/convdesk_version.py)
deb=$(ls packaging/dist/convdesk_"$version"_*.deb)
contents=$(dpkg-deb --contents "$deb")
for path in ./usr/lib/convdesk/convdesk ./usr/bin/convdesk ./usr/share/applications/convdesk.desktop \
  ./usr/share/mime/packages/convdesk.xml ./usr/share/icons/hicolor/256x256/apps/convdesk.png \
  ./usr/share/icons/hicolor/scalable/apps/convdesk.svg; do
  grep -q " $path" <<<"$contents" || { echo "FAIL $deb lacks $path"; exit 1; }
done
echo "ok   $deb holds the program, the command, the desktop entry, the MIME type and the icons"
checks=$((checks + 1))
dpkg-deb --field "$deb" Depends

if $as_root && [ "${CI:-}" = true ] && ! dpkg-query -W convdesk >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
  # Whatever fails below, the machine does not keep the package.
  trap 'dpkg -r convdesk >/dev/null 2>&1 || true' EXIT
  "$python" packaging/smoke_test.py /usr/bin/convdesk
  checks=$((checks + 1))
  # The caches exist where shared-mime-info and desktop-file-utils are installed (any desktop).
  if [ -f /usr/share/mime/globs2 ]; then
    grep -q "application/x-convdesk:\*.convdesk" /usr/share/mime/globs2
    echo "ok   installed: *.convdesk files are application/x-convdesk"
    checks=$((checks + 1))
  fi
  if command -v update-desktop-database >/dev/null; then
    grep -q "application/x-convdesk=convdesk.desktop" /usr/share/applications/mimeinfo.cache
    echo "ok   installed: application/x-convdesk opens with convdesk.desktop"
    checks=$((checks + 1))
  fi
  dpkg -r convdesk >/dev/null
  trap - EXIT
  if [ -e /usr/lib/convdesk ] || [ -e /usr/bin/convdesk ] || grep -qs "x-convdesk" /usr/share/mime/globs2; then
    echo "FAIL files left after dpkg -r convdesk"; exit 1
  fi
  echo "ok   dpkg -r removed every file"
  checks=$((checks + 1))
fi
echo "frozen build, .deb and smoke test: $((SECONDS - start)) s"
# Any failure above has already stopped the script (set -e), so what is counted here passed.
echo "frozen: $checks passed, 0 failed"
