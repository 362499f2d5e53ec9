#!/usr/bin/env bash
# Print the README's command number N (1: set up and start the program; 2: set up and run all the
# tests): the Nth ```sh block under "## Start", one line. .ci/run and scripts/fresh-machine-check.sh
# run what this prints, so what they run is what the README says.
set -euo pipefail
readme="$(dirname "${BASH_SOURCE[0]}")/../README.md"
command=$(awk -v want="${1:?usage: readme-command.sh 1|2}" '
  /^## / { start = ($0 == "## Start") }
  start && /^```sh$/ { inside = 1; n++; next }
  inside && /^```$/ { inside = 0; next }
  inside && n == want { print }
' "$readme")
if [ -z "$command" ] || [ "$(wc -l <<<"$command")" != 1 ]; then
  echo "readme-command.sh: README.md has no one-line command $1 under '## Start'" >&2
  exit 1
fi
echo "$command"
