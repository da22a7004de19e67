#!/usr/bin/env bash
# Turns a fresh Debian 12 machine into a terminal: one command, run as root from a copy of this
# repository (docs/deployment.md says why a script and not a .deb).
#
#   packaging/install.sh                      install: Debian packages, the kiosk user, the app and
#                                             its venv in /opt/kiosk, /etc/kiosk/kiosk.toml, the
#                                             service (cage on tty1), udev rules, log rotation
#   packaging/install.sh --destdir DIR        stage all of it under DIR and touch nothing else: no
#                                             packages, no user, no chown (owners go to the manifest)
#   packaging/install.sh --uninstall          remove the app and the service; keep the configuration,
#                       [--purge [--force]]   the data (unsent ratings!) and the logs, unless --purge
#
#   --wheelhouse DIR    take the Python packages from DIR only (a terminal without internet:
#                       `pip download -d DIR -r requirements` on a connected machine)
#   --skip-packages     a venv without its Python packages (the tests: the tree, not PyPI's wheels)
#
# Every file placed is listed in /opt/kiosk/MANIFEST (type, mode, owner, group, path), which the
# uninstall reads. Configuration files already there are never overwritten.
set -euo pipefail

SRC=$(cd "$(dirname "$0")/.." && pwd)
PY=/usr/bin/python3                      # Debian's Python 3.11: the venv links to it by this path
APP=/opt/kiosk/app
VENV=/opt/kiosk/venv
MANIFEST=/opt/kiosk/MANIFEST
UNIT=/usr/local/lib/systemd/system/kiosk.service
DEBS=(cage xwayland python3 python3-venv libgl1 libegl1 libgl1-mesa-dri libmtdev1 logrotate udev ca-certificates)

destdir="" wheelhouse="" skip_packages=0 action=install purge=0 force=0
die() { echo "install.sh: $*" >&2; exit 2; }
say() { echo "install.sh: $*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --destdir) [ $# -ge 2 ] || die "--destdir needs a folder"; destdir=$(realpath -m "$2"); shift ;;
    --wheelhouse) [ $# -ge 2 ] || die "--wheelhouse needs a folder"; wheelhouse=$(realpath "$2"); shift ;;
    --skip-packages) skip_packages=1 ;;
    --uninstall) action=uninstall ;;
    --purge) purge=1 ;;
    --force) force=1 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done
[ "$destdir" = / ] && destdir=""
staging=0; [ -n "$destdir" ] && staging=1
R=$destdir                                # every path below is written as "$R/path"
if [ $staging = 0 ] && [ "$(id -u)" != 0 ]; then
  die "run as root (sudo $0), or stage the files with --destdir DIR"
fi
[ -x $PY ] || die "$PY not found: this installs on Debian 12 (apt-get install python3 python3-venv)"
$PY -c 'import sys; sys.exit(sys.version_info < (3, 11))' || die "$PY is older than 3.11: Debian 12 or newer"

# --- the manifest and the three ways of placing a thing ----------------------------------------
manifest=()
record() { manifest+=("$1	$2	$3	$4	$5"); }                # type mode owner group path
owned() {                                                       # chown on a real install only
  [ $staging = 1 ] || chown -h "$2:$3" "$R$1"
}
system_dir() {  # system_dir PATH: a folder of the system (/etc/pam.d ...): made if missing, never changed or removed
  [ -d "$R$1" ] || install -d -m 0755 "$R$1"
  record s 0755 root root "$1"
}
put_dir() {   # put_dir MODE OWNER GROUP PATH [type]
  install -d -m "$1" "$R$4"; chmod "$1" "$R$4"; owned "$4" "$2" "$3"; record "${5:-d}" "$1" "$2" "$3" "$4"
}
put_file() {  # put_file MODE OWNER GROUP SOURCE PATH [type]; a configuration file (type c) is never replaced
  if [ "${6:-f}" = c ] && [ -e "$R$5" ]; then
    say "$5 is there already: kept as it is (the new default is $4)"
  else
    install -m "$1" "$4" "$R$5"
  fi
  owned "$5" "$2" "$3"; record "${6:-f}" "$1" "$2" "$3" "$5"
}
put_tree() {  # put_tree PATH: everything under it root's, folders 0755, files 0644 (0755 if executable)
  find "$R$1" -type d -exec chmod 0755 {} +
  find "$R$1" -type f -perm /111 -exec chmod 0755 {} +
  find "$R$1" -type f ! -perm /111 -exec chmod 0644 {} +
  [ $staging = 1 ] || chown -hR root:root "$R$1"
  record t 0755 root root "$1"
}

compile() {   # .pyc files that name the installed paths, never the staging folder
  if [ -n "$R" ]; then $PY -m compileall -q -j 0 -s "$R" -p / "$R$1" >/dev/null
  else $PY -m compileall -q -j 0 "$1" >/dev/null; fi
}

# --- install -------------------------------------------------------------------------------------
debian_packages() {
  say "installing Debian packages: ${DEBS[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${DEBS[@]}" >/dev/null
}

stage_app() {
  rm -rf "$R$APP"
  put_dir 0755 root root /opt/kiosk
  mkdir -p "$R$APP/docs"
  tar -C "$SRC" --exclude=__pycache__ --exclude='*.pyc' -cf - kiosk assets config pyproject.toml README.md \
    | tar -C "$R$APP" --no-same-owner --no-same-permissions -xf -
  cp "$SRC/docs/deployment.md" "$R$APP/docs/deployment.md"
  compile "$APP/kiosk"
  put_tree "$APP"
}

requirements() {  # the dependencies pyproject.toml names, one per line
  $PY -c 'import sys, tomllib; print("\n".join(tomllib.load(open(sys.argv[1], "rb"))["project"]["dependencies"]))' \
    "$SRC/pyproject.toml"
}

stage_venv() {
  rm -rf "$R$VENV"
  if [ $skip_packages = 1 ]; then
    $PY -m venv --without-pip "$R$VENV"
  else
    $PY -m venv "$R$VENV"
    local from=()
    [ -n "$wheelhouse" ] && from=(--no-index --find-links "$wheelhouse")
    say "installing the Python packages into $VENV${wheelhouse:+ from $wheelhouse}"
    requirements > "$R$VENV/requirements.txt"
    "$R$VENV/bin/python" -m pip install -q --no-compile --disable-pip-version-check "${from[@]}" \
      -r "$R$VENV/requirements.txt"
  fi
  local site
  site=$(cd "$R$VENV" && echo lib/python3.*/site-packages)
  echo "$APP" > "$R$VENV/$site/kiosk.pth"     # the app is imported from /opt/kiosk/app (assets beside it)
  cat > "$R$VENV/bin/kiosk" <<EOF
#!$VENV/bin/python3
# The kiosk command: the app in $APP, its packages in this venv (packaging/install.sh).
import sys

from kiosk.__main__ import main

sys.exit(main())
EOF
  chmod 0755 "$R$VENV/bin/kiosk"
  if [ -n "$R" ]; then   # a venv names its own folder: make it name the installed one
    grep -rlIF "$R$VENV" "$R$VENV" | while read -r file; do sed -i "s|$R$VENV|$VENV|g" "$file"; done
  fi
  # pip compiles what it installs (ensurepip too) under the staging path: compile afresh.
  find "$R$VENV" -name __pycache__ -type d -prune -exec rm -rf {} +
  compile "$VENV"
  put_tree "$VENV"
}

stage_system_files() {
  system_dir /usr/local/lib/sysusers.d
  put_file 0644 root root "$SRC/packaging/sysusers/kiosk.conf" /usr/local/lib/sysusers.d/kiosk.conf
  if [ $staging = 0 ]; then systemd-sysusers /usr/local/lib/sysusers.d/kiosk.conf; fi   # user kiosk, for the chowns
  put_dir 0750 root kiosk /etc/kiosk
  put_file 0640 root kiosk "$SRC/config/production.example.toml" /etc/kiosk/kiosk.toml c
  system_dir /usr/local/lib/systemd/system
  put_file 0644 root root "$SRC/packaging/systemd/kiosk.service" $UNIT
  system_dir /etc/pam.d
  put_file 0644 root root "$SRC/packaging/pam/kiosk" /etc/pam.d/kiosk
  system_dir /etc/udev/rules.d
  put_file 0644 root root "$SRC/packaging/udev/70-kiosk.rules" /etc/udev/rules.d/70-kiosk.rules c
  system_dir /etc/logrotate.d
  put_file 0644 root root "$SRC/packaging/logrotate/kiosk" /etc/logrotate.d/kiosk
  put_dir 0700 kiosk kiosk /var/lib/kiosk D
  put_dir 0750 kiosk kiosk /var/log/kiosk D   # as LogsDirectory= in the unit makes it at each start
  system_dir /usr/local/bin
  ln -sfn $VENV/bin/kiosk "$R/usr/local/bin/kiosk"
  record l 0777 root root /usr/local/bin/kiosk
}

write_manifest() {
  record f 0644 root root $MANIFEST
  {
    echo "# kiosk $(sed -n 's/^version = "\(.*\)"/\1/p' "$SRC/pyproject.toml"): what packaging/install.sh placed"
    echo "# type (d folder, s system folder, f file, c configuration, D data, t tree, l link)	mode	owner	group	path"
    if [ -n "${default_target:-}" ]; then echo "# default-target-before: $default_target"; fi
    printf '%s\n' "${manifest[@]}"
  } > "$R$MANIFEST"
  chmod 0644 "$R$MANIFEST"
}

activate() {
  default_target=$(systemctl get-default 2>/dev/null || echo multi-user.target)
  systemctl daemon-reload
  udevadm control --reload
  udevadm trigger --action=add --subsystem-match=tty --subsystem-match=usbmisc
  systemctl set-default graphical.target >/dev/null
  systemctl enable kiosk.service >/dev/null
}

start_when_configured() {
  if runuser -u kiosk -- $VENV/bin/kiosk check-config --config /etc/kiosk/kiosk.toml; then
    systemctl restart kiosk.service
    say "kiosk started on tty1 (systemctl status kiosk; journalctl -u kiosk)"
  else
    say "not started yet: edit /etc/kiosk/kiosk.toml (the line above says what), then: systemctl start kiosk"
  fi
}

install_kiosk() {
  if [ $staging = 0 ]; then debian_packages; fi
  stage_system_files
  stage_app
  stage_venv
  if [ $staging = 0 ]; then activate; fi
  write_manifest
  if [ $staging = 1 ]; then
    say "staged under $destdir; owners are in $destdir$MANIFEST (nothing outside $destdir was touched)"
  else
    start_when_configured
  fi
}

# --- uninstall -----------------------------------------------------------------------------------
pending_ratings() {   # unsent ratings in the data directory's outbox (0 when there is none)
  local db="$R/var/lib/kiosk/ratings.db"
  [ -f "$db" ] || { echo 0; return; }
  $PY - "$db" <<'EOF'
import sqlite3, sys
try:
    db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
    print(db.execute("SELECT COUNT(*) FROM ratings WHERE state = 'pending'").fetchone()[0])
except sqlite3.Error:
    print(0)
EOF
}

uninstall_kiosk() {
  [ -f "$R$MANIFEST" ] || die "no $MANIFEST${destdir:+ under $destdir}: nothing installed by this script there"
  if [ $purge = 1 ] && [ $force = 0 ]; then
    local unsent
    unsent=$(pending_ratings)
    [ "$unsent" = 0 ] || die "$unsent ratings are not uploaded yet (/var/lib/kiosk/ratings.db): let the kiosk run until \
they are, or copy the file away, then --purge --force"
  fi
  if [ $staging = 0 ]; then systemctl disable --now kiosk.service >/dev/null 2>&1 || true; fi
  local before
  before=$(sed -n 's/^# default-target-before: //p' "$R$MANIFEST")
  local kept=()
  # Last placed, first removed: files before the folders that hold them.
  while IFS=$'\t' read -r type _mode _owner _group path; do
    case "$type" in
      f|l) rm -f "$R$path" ;;
      t) rm -rf "$R$path" ;;
      d) rmdir "$R$path" 2>/dev/null || true ;;
      s) ;;                                           # the system's folders stay
      c|D) if [ $purge = 1 ]; then rm -rf "$R$path"; else kept+=("$path"); fi ;;
    esac
  done < <(grep -v '^#' "$R$MANIFEST" | tac)
  if [ $purge = 1 ]; then rmdir "$R/etc/kiosk" 2>/dev/null || true; fi
  if [ $staging = 0 ]; then
    systemctl daemon-reload
    udevadm control --reload
    if [ -n "$before" ]; then systemctl set-default "$before" >/dev/null; fi
    if [ $purge = 1 ] && id kiosk >/dev/null 2>&1; then userdel kiosk; fi
  fi
  if [ ${#kept[@]} -gt 0 ]; then
    say "removed; kept (--purge removes them): ${kept[*]}"
  else
    say "removed, configuration and data included"
  fi
}

if [ $action = install ]; then install_kiosk; else uninstall_kiosk; fi
