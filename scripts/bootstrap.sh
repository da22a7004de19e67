#!/usr/bin/env bash
# Creates .venv with the kiosk and its test tools, once. Also makes sure the
# OpenGL/EGL libraries that Kivy's bundled SDL2 needs are on the machine
# (Debian: libgl1 libegl1 libgl1-mesa-dri, and libmtdev1 for touch input), installing them
# when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv
stamp=$venv/.installed

need_debs=()
for lib in libGL.so.1 libEGL.so.1 libmtdev.so.1; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || need_debs+=(x)
done
if [ ${#need_debs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bootstrap: installing libgl1 libegl1 libgl1-mesa-dri libmtdev1"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgl1 libegl1 libgl1-mesa-dri libmtdev1 >/dev/null
  else
    echo "bootstrap: libraries missing; install them: sudo apt-get install libgl1 libegl1 libgl1-mesa-dri libmtdev1" >&2
    exit 1
  fi
fi

if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "bootstrap: creating $venv (first run only)"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q -e ".[test]"
  touch "$stamp"
fi
