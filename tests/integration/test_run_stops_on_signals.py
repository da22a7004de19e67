"""Ctrl+C on `make run` (SIGINT) and SIGTERM stop the kiosk as its own quit does: one line, no
traceback, the parts stopped and the virtual reader's folder gone."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from kiosk.paths import DEFAULT_CONFIG, ROOT


@pytest.mark.parametrize("signum,said", [(signal.SIGINT, "kiosk: Ctrl+C, stopping"),
                                         (signal.SIGTERM, "kiosk: SIGTERM, stopping")])
def test_a_signal_stops_the_kiosk_cleanly_in_one_line(tmp_path, signum, said):
    config = tmp_path / "kiosk.toml"
    config.write_text(DEFAULT_CONFIG.read_text(encoding="utf-8")
                      .replace('dir = "var/log"', f'dir = "{tmp_path / "log"}"')
                      .replace('data_dir = "var/data"', f'data_dir = "{tmp_path / "data"}"')
                      .replace('output_dir = "var/prints"', f'output_dir = "{tmp_path / "prints"}"'),
                      encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "KIVY_HOME")}
    child = subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--config", str(config), "--offscreen"],
                             cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    log = tmp_path / "log" / "kiosk.log"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and child.poll() is None:
            if log.exists() and "rating options version" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.2)
        assert child.poll() is None, child.communicate()[1][-3000:]
        # The parts reach the app on its next frames; a stop before that is the start-up's own
        # business (the signal handling is the same either way).
        time.sleep(1.0)
        reader_folders = list((tmp_path / "data" / "tmp").glob("kiosk-idcard-*"))
        assert reader_folders, "the virtual reader's folder should be there while the kiosk runs"
        child.send_signal(signum)
        _out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err[-3000:]
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err[-3000:]
    assert err.count(said) == 1 and err.count("stopping") == 1, err[-3000:]
    assert not any(folder.exists() for folder in reader_folders)
