"""`kiosk run` with a log directory it cannot write starts anyway and says so in one line (it
used to stop with a traceback): nothing a disk does may end the kiosk."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kiosk.paths import DEFAULT_CONFIG, ROOT


@pytest.mark.parametrize("disk", ["directory is a file", "disk full"])
def test_the_kiosk_starts_with_a_log_directory_it_cannot_write(tmp_path, disk):
    log_dir = tmp_path / "log"
    if disk == "directory is a file":
        log_dir.write_text("a file where the log directory should be")
    else:
        log_dir.mkdir()
        (log_dir / "kiosk.log").symlink_to("/dev/full")
    config = tmp_path / "kiosk.toml"
    config.write_text(DEFAULT_CONFIG.read_text(encoding="utf-8")
                      .replace('dir = "var/log"', f'dir = "{log_dir}"')
                      .replace('data_dir = "var/data"', f'data_dir = "{tmp_path / "data"}"')
                      .replace('output_dir = "var/prints"', f'output_dir = "{tmp_path / "prints"}"'),
                      encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "KIVY_HOME")}
    done = subprocess.run([sys.executable, "-m", "kiosk", "run", "--config", str(config), "--offscreen",
                           "--first-frame-exit"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "first_frame_monotonic" in done.stdout
    assert "Traceback" not in done.stderr and "Logging error" not in done.stderr, done.stderr[-3000:]
    assert done.stderr.count(f"cannot write the log {log_dir / 'kiosk.log'}") == 1, done.stderr
