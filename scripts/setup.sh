#!/usr/bin/env bash
# Set up a clone of convdesk on Debian 12, Ubuntu 22.04 or newer, as the README's two commands do:
#   bash scripts/setup.sh         the program: Qt's system libraries, .venv, `pip install -e .`
#   bash scripts/setup.sh test    the same, plus the tools the tests use and `pip install -e '.[test]'`
# System packages come from convdesk/resources/system-deps.txt and are installed with apt-get
# (through sudo when not root) only when something they provide is missing. Needs python3 and git.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

case "${1:-app}" in
  app) sections="window" extra="." ;;
  test) sections="window tests" extra=".[test]" ;;
  *) echo "usage: bash scripts/setup.sh [test]" >&2; exit 2 ;;
esac

sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
apt_updated=false
apt_install() {
  if ! command -v apt-get >/dev/null; then
    echo "setup: not a Debian/Ubuntu system; install these packages or their equivalents: $*" >&2
    exit 1
  fi
  if [ -n "$sudo" ] && ! command -v sudo >/dev/null; then
    echo "setup: these packages are missing and sudo is not installed; as root run:" >&2
    echo "  apt-get install $*" >&2
    exit 1
  fi
  echo "setup: installing $*"
  if ! $apt_updated; then
    $sudo apt-get update -qq
    apt_updated=true
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
    >/dev/null
}

# A Python of at least 3.11 (Ubuntu 22.04's python3 is 3.10; its python3.11 is a package away).
python=""
for candidate in python3 python3.13 python3.12 python3.11; do
  if command -v "$candidate" >/dev/null &&
    "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python=$candidate
    break
  fi
done
if [ -z "$python" ]; then
  apt_install python3.11 python3.11-venv
  python=python3.11
fi
# Debian and Ubuntu ship venv's pip bootstrap (ensurepip) in a package of its own.
if ! "$python" -c 'import ensurepip' 2>/dev/null; then
  if [ "$python" = python3 ]; then apt_install python3-venv; else apt_install "$python-venv"; fi
fi

missing=$(for section in $sections; do "$python" -m convdesk.startup missing "$section"; done)
if [ -n "$missing" ]; then
  # shellcheck disable=SC2086  # one package per word
  apt_install $missing
fi

# A venv left without pip (made before python3-venv was there) is made again.
if [ ! -x .venv/bin/pip ]; then
  "$python" -m venv --clear .venv
fi
echo "setup: installing convdesk and its Python packages into .venv"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$extra"
# An editable install leaves convdesk's own modules uncompiled (pip compiles those it copies):
# compile them now, so the first launch does not, nor every launch where Python may not write
# bytecode (PYTHONDONTWRITEBYTECODE). A module edited later is compiled again when imported.
.venv/bin/python -m compileall -q convdesk
echo "setup: done; the program is .venv/bin/convdesk"
