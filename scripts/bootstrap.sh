#!/usr/bin/env bash
# Creates .venv with the kiosk and its test tools, once. Also makes sure the Debian packages the
# kiosk and its tests need are on the machine, installing them when run as root:
# - the OpenGL/EGL libraries Kivy's bundled SDL2 needs (libgl1 libegl1 libgl1-mesa-dri, and
#   libmtdev1 for touch input);
# - the programs the packaging tests run, checked one by one: systemd-analyze (systemd) verifies the
#   unit, promtool (prometheus) checks and unit-tests the alert rules, udevadm (udev), and cage, the
#   compositor the unit starts (systemd-analyze checks it is where Debian puts it).
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
tool_debs=() need_tools=()
for tool in systemd-analyze:systemd promtool:prometheus udevadm:udev cage:cage; do
  command -v "${tool%%:*}" >/dev/null || { tool_debs+=("${tool#*:}"); need_tools+=("${tool%%:*}"); }
done
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
    echo "bootstrap: ${need_tools[*]} not found, so their tests are skipped: sudo apt-get install ${tool_debs[*]}" >&2
  fi
fi

# command -> Debian package
a4_tools=(pdftoppm:poppler-utils pdftotext:poppler-utils pdffonts:poppler-utils zbarimg:zbar-tools
          ippeveprinter:cups-ipp-utils ipptool:cups-ipp-utils dbus-daemon:dbus-daemon)
missing=()
for pair in "${a4_tools[@]}"; do
  tool=${pair%%:*} package=${pair#*:}
  PATH="$PATH:/usr/sbin:/sbin" command -v "$tool" >/dev/null || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bootstrap: installing $packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null
  else
    # the kiosk runs without them (the virtual A4 printer then keeps PDFs only); the A4 tests need them
    echo "bootstrap: A4 printing tools missing; install them: sudo apt-get install $packages" >&2
  fi
fi

# The offline speech synthesiser of the spoken prompts (kiosk/services/voice): the only packaged
# engine with a Mandarin voice. Without it a prompt with no recorded clip is silent, and its tests skip.
voice_missing=()
for pair in espeak-ng:espeak-ng; do
  command -v "${pair%%:*}" >/dev/null || voice_missing+=("${pair#*:}")
done
if [ ${#voice_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bootstrap: installing ${voice_missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${voice_missing[@]}" >/dev/null
  else
    echo "bootstrap: speech synthesiser missing; install it: sudo apt-get install ${voice_missing[*]}" >&2
  fi
fi

if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "bootstrap: creating $venv (first run only)"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q -e ".[test]"
  touch "$stamp"
fi
