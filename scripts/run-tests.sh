#!/usr/bin/env bash
# Runs every test with no display: Kivy renders offscreen through Mesa (see docs in README).
set -euo pipefail
cd "$(dirname "$0")/.."
export SDL_VIDEODRIVER=offscreen KIVY_WINDOW=sdl2 KIVY_NO_ARGS=1 KIVY_NO_FILELOG=1 KIVY_NO_CONSOLELOG=1
export KIVY_HOME="$(mktemp -d)"
trap 'rm -rf "$KIVY_HOME"' EXIT
exec .venv/bin/python -m pytest "$@"
