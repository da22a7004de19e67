"""`kiosk run` on the embedded default, as the README's first command runs it, with no display."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time

from kiosk.paths import DEFAULT_CONFIG, ROOT


def test_kiosk_runs_offscreen_starts_its_parts_and_logs_cleanly(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text(DEFAULT_CONFIG.read_text(encoding="utf-8")
                      .replace('dir = "var/log"', f'dir = "{tmp_path / "log"}"')
                      .replace('data_dir = "var/data"', f'data_dir = "{tmp_path / "data"}"')
                      .replace('output_dir = "var/prints"', f'output_dir = "{tmp_path / "prints"}"'),
                      encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    env["KIVY_HOME"] = str(tmp_path / "kivy")
    child = subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--config", str(config)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    log = tmp_path / "log" / "kiosk.log"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and child.poll() is None:
            if log.exists() and "platform simulator on http://127.0.0.1:" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.2)
        assert child.poll() is None, child.communicate()[1][-3000:]
    finally:
        child.send_signal(signal.SIGTERM)
        _out, err = child.communicate(timeout=30)
    assert "running offscreen" in err
    assert "Start application main loop" in err
    assert "Traceback" not in err and "RecursionError" not in err, err[-3000:]
    text = log.read_text(encoding="utf-8")
    assert "Start application main loop" in text and "Traceback" not in text
    # What it wrote is its own: logs, databases and their folders (issue 11, item 8).
    for path in (log, tmp_path / "data" / "ratings.db", tmp_path / "data" / "print_journal.db"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (tmp_path / "log", tmp_path / "data"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
