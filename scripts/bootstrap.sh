#!/usr/bin/env bash
# Creates .venv with the kiosk and its test tools, once. Also makes sure the Debian packages the
# kiosk and its tests need are on the machine, installing them when run as root:
# - the OpenGL/EGL libraries Kivy's bundled SDL2 needs (libgl1 libegl1 libgl1-mesa-dri, and
#   libmtdev1 for touch input);
# - the programs the tests run (listed below with their packages).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv
stamp=$venv/.installed

need_libs=()
for lib in libGL.so.1 libEGL.so.1 libmtdev.so.1; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || need_libs+=("$lib")
done
lib_debs=()
[ ${#need_libs[@]} -eq 0 ] || lib_debs=(libgl1 libegl1 libgl1-mesa-dri libmtdev1)
# command -> Debian package, checked one by one (the kiosk runs without them; their tests need them):
# systemd-analyze verifies the unit, promtool checks and unit-tests the alert rules, udevadm, cage (the
# compositor the unit starts); poppler-utils, zbar-tools, cups-ipp-utils and dbus-daemon for the A4
# printer's PDFs and CUPS's test printer; espeak-ng, the only packaged voice for Mandarin prompts.
tools=(systemd-analyze:systemd promtool:prometheus udevadm:udev cage:cage
       pdftoppm:poppler-utils pdftotext:poppler-utils pdffonts:poppler-utils zbarimg:zbar-tools
       ippeveprinter:cups-ipp-utils ipptool:cups-ipp-utils dbus-daemon:dbus-daemon espeak-ng:espeak-ng)
tool_debs=()
for pair in "${tools[@]}"; do
  PATH="$PATH:/usr/sbin:/sbin" command -v "${pair%%:*}" >/dev/null || tool_debs+=("${pair#*:}")
done
[ ${#tool_debs[@]} -eq 0 ] || mapfile -t tool_debs < <(printf '%s\n' "${tool_debs[@]}" | sort -u)
if [ $(( ${#lib_debs[@]} + ${#tool_debs[@]} )) -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bootstrap: installing ${lib_debs[*]} ${tool_debs[*]}"
    apt-get update -qq
    export DEBIAN_FRONTEND=noninteractive
    [ ${#lib_debs[@]} -eq 0 ] || apt-get install -y -qq "${lib_debs[@]}" >/dev/null
    # The tools only, not what they recommend (prometheus would bring its exporters).
    [ ${#tool_debs[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${tool_debs[@]}" >/dev/null
  elif [ ${#lib_debs[@]} -gt 0 ]; then
    echo "bootstrap: libraries missing; install them: sudo apt-get install ${lib_debs[*]}" >&2
    exit 1
  else
    echo "bootstrap: tools missing, so their tests cannot run: sudo apt-get install ${tool_debs[*]}" >&2
  fi
fi

if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "bootstrap: creating $venv (first run only)"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q -e ".[test]"
  touch "$stamp"
fi
