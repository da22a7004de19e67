"""At rest the kiosk holds only what the home screen and its parts need: the PDF libraries (about
25 MiB with fontTools, benchmarks/bench_rest.py) load with the first A4 document, not at start."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.ui

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import sys, tempfile
from pathlib import Path
from kiosk.config import load_config
from kiosk.paths import DEFAULT_CONFIG
from kiosk.testing.soak import soak_config
from kiosk.testing.harness import HeadlessKiosk
kiosk = HeadlessKiosk(soak_config(load_config(DEFAULT_CONFIG), Path(tempfile.mkdtemp())), start_devices=True)
assert kiosk.services.a4printer is not None, "the A4 printer part did not start"
kiosk.wait_until(lambda: False, timeout=2)
print(" ".join(sorted(m for m in ("fpdf", "pypdf", "fontTools") if m in sys.modules)) or "none")
kiosk.close()
"""


def test_the_pdf_libraries_are_not_loaded_at_rest(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), KIVY_HOME=str(tmp_path / "kivy"), KIVY_NO_ARGS="1",
               KIVY_NO_CONSOLELOG="1", SDL_VIDEODRIVER="offscreen", KIVY_WINDOW="sdl2")
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "none"
