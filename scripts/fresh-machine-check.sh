#!/usr/bin/env bash
# The README's two commands, word for word, on a minimal Debian 12 made for the purpose.
#
#   sudo bash scripts/fresh-machine-check.sh [REPO]    (REPO: a clone, default this one; its HEAD)
#
# Builds a Debian root with `debootstrap --variant=minbase` in a temporary folder, with python3, git,
# sudo and ca-certificates added (nothing else: no python3-venv, no pip, no Qt library, no compiler),
# from the Debian mirror this machine's apt uses (or $MIRROR). Where this machine reaches HTTPS
# through a proxy with a CA of its own, the root trusts the same CAs (those in
# /usr/local/share/ca-certificates) and pip is pointed at them as here ($PIP_CERT). Clones REPO into the home of a new user `learner` who may use
# sudo, as on a desktop install, and as that user, with no display, runs:
#   1. the README's first command: it must end with the "needs a desktop session" message, status 1;
#   2. the README's second command: it must end with every test passing;
#   3. the first command again under a virtual X screen (Xvfb, installed for this step only): the
#      convdesk window must appear.
# The commands are read from README.md by scripts/readme-command.sh, as .ci/run reads the second.
# Needs root, debootstrap and git; took 8.5 minutes on 2 shared cores, and about 1 GB in /tmp
# (removed after, unless KEEP=1). Its output is the record kept in docs/fresh-machine-check.log.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repo=$(cd "${1:-$here}" && pwd)
suite=${SUITE:-bookworm}
if [ "$(id -u)" != 0 ]; then
  echo "fresh-machine-check: needs root (debootstrap and chroot)" >&2
  exit 2
fi
command -v debootstrap >/dev/null || { echo "fresh-machine-check: apt-get install debootstrap" >&2; exit 2; }
if [ -z "${MIRROR:-}" ]; then
  MIRROR=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
    2>/dev/null | grep -v '^ *#' | grep -oE 'https?://[^ ]*/debian/?( |$)' | head -1 | tr -d ' ' || true)
  MIRROR=${MIRROR:-http://deb.debian.org/debian}
fi

tmp=$(mktemp -d /tmp/convdesk-fresh.XXXXXX)
fs=$tmp/root
cleanup() {
  for mount in "$fs/dev" "$fs/proc"; do
    if mountpoint -q "$mount"; then umount -l "$mount"; fi
  done
  if [ "${KEEP:-}" = 1 ] || findmnt -rno TARGET | grep -q "^$tmp"; then
    echo "fresh-machine-check: kept $tmp"
  else
    rm -rf --one-file-system "$tmp"
  fi
}
trap cleanup EXIT
phase_start=$SECONDS
phase() {
  echo "== $1 ($(date -u +%H:%M:%S) UTC, $((SECONDS - phase_start)) s since the last step)"
  phase_start=$SECONDS
}

phase "debootstrap --variant=minbase $suite from $MIRROR"
echo "host: $(. /etc/os-release && echo "$PRETTY_NAME"), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
debootstrap --variant=minbase --include=python3,git,sudo,ca-certificates "$suite" "$fs" "$MIRROR" >"$tmp/debootstrap.log" 2>&1 ||
  { cat "$tmp/debootstrap.log"; exit 1; }
cp /etc/resolv.conf "$fs/etc/resolv.conf"
echo "127.0.1.1 $(hostname)" >>"$fs/etc/hosts"
tls_env=""
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$fs/usr/local/share/ca-certificates/"
  chroot "$fs" update-ca-certificates >/dev/null 2>&1
  echo "this machine's own CAs, trusted in the root too: $(cd /usr/local/share/ca-certificates && echo *.crt)"
  if [ -n "${PIP_CERT:-}" ]; then tls_env="PIP_CERT=/etc/ssl/certs/ca-certificates.crt"; fi
fi
mount -t proc proc "$fs/proc"
mount --bind /dev "$fs/dev"
chroot "$fs" useradd --create-home --shell /bin/bash learner
echo "learner ALL=(ALL) NOPASSWD:ALL" >"$fs/etc/sudoers.d/learner"
git clone --quiet --no-local "$repo" "$fs/home/learner/convdesk"
git -C "$fs/home/learner/convdesk" checkout --quiet "$(git -C "$repo" rev-parse HEAD)"
chroot "$fs" chown -R learner:learner /home/learner/convdesk
echo "clone: $(git -C "$repo" rev-parse --short HEAD) ($(git -C "$repo" log -1 --format=%s | cut -c1-70))"
echo "the root has: $(chroot "$fs" python3 --version), $(chroot "$fs" git --version);" \
  "python3-venv: $(chroot "$fs" dpkg-query -W -f='${db:Status-Status}' python3-venv 2>/dev/null || echo 'not-installed')"

# As the new user, in the clone, with a clean environment and no display.
as_learner() {
  chroot "$fs" /usr/sbin/runuser -u learner -- env -i HOME=/home/learner LANG=C.UTF-8 \
    PATH=/usr/local/bin:/usr/bin:/bin TERM=dumb $tls_env bash -c "cd ~/convdesk && $1"
}
first=$(bash "$here/scripts/readme-command.sh" 1)
second=$(bash "$here/scripts/readme-command.sh" 2)

phase "README command 1, no display: \$ $first"
set +e
as_learner "$first" 2>&1 | tee "$tmp/first.log"
status=${PIPESTATUS[0]}
set -e
echo "exit status $status"
if [ "$status" != 1 ] || ! grep -q "convdesk needs a desktop session" "$tmp/first.log"; then
  echo "FAIL: command 1 did not end with the desktop-session message"
  exit 1
fi

phase "README command 2: \$ $second"
set +e
as_learner "$second" 2>&1 | tee "$tmp/second.log"
status=${PIPESTATUS[0]}
set -e
echo "exit status $status"
if [ "$status" != 0 ] || ! tail -1 "$tmp/second.log" | grep -q " passed" ||
  tail -1 "$tmp/second.log" | grep -qE "failed|error"; then
  echo "FAIL: command 2 did not end with every test passing"
  exit 1
fi

phase "README command 1 under a virtual X screen (xvfb, xauth and x11-utils added for this step)"
chroot "$fs" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  xvfb xauth x11-utils >/dev/null 2>&1
# The window is there when the X server shows (IsViewable) a top-level window titled "… convdesk".
cat >"$fs/tmp/window-probe.sh" <<'EOF'
set -m  # the command runs in a process group of its own, ended below as a whole
(bash -c "$1") >/tmp/window.log 2>&1 &
job=$!
found=""
for _ in $(seq 180); do
  for id in $(xwininfo -root -tree | grep -i '"[^"]* convdesk"' | awk '{print $1}'); do
    if xwininfo -id "$id" | grep -q IsViewable; then found=$id; fi
  done
  [ -n "$found" ] && break
  sleep 1
done
xwininfo -id "${found:-0}" 2>/dev/null | grep -E "xwininfo|Width|Height|Map State" || true
kill -- -"$job" 2>/dev/null
wait
cat /tmp/window.log
test -n "$found"
EOF
if as_learner "xvfb-run -a bash /tmp/window-probe.sh '$first'"; then
  echo "the convdesk window opened"
else
  echo "FAIL: no convdesk window appeared within 180 s"
  exit 1
fi

phase "done"
echo "fresh-machine check: 3 passed, 0 failed"
