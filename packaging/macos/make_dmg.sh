#!/usr/bin/env bash
# Wrap packaging/dist/convdesk.app (the spec builds it on macOS) in a compressed disk image holding
# the app and a link to /Applications, for drag-and-drop installation:
#   packaging/dist/convdesk-<version>-macos-<arch>.dmg
# The .app is signed ad hoc by PyInstaller; a Developer ID signature and notarization need Apple
# credentials, which this recipe does not have, so Gatekeeper asks once (right-click → Open).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
python=${PYTHON:-python3}
version=$("$python" packaging/convdesk_version.py)
app=packaging/dist/convdesk.app
[ -d "$app" ] || { echo "no $app: run pyinstaller packaging/convdesk.spec on macOS first" >&2; exit 2; }

stage=packaging/build/dmg
rm -rf "$stage"
mkdir -p "$stage"
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
dmg=packaging/dist/convdesk-$version-macos-$(uname -m).dmg
hdiutil create -volname "convdesk $version" -srcfolder "$stage" -ov -format UDZO "$dmg"
echo "$dmg"
