"""Kivy's settings folder (KIVY_HOME) is private to the kiosk: a folder planted where another
local user can reach it, with a config.ini whose [modules] entry names their code, must never
make that code run inside the kiosk."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.paths import DEFAULT_CONFIG, ROOT
from kiosk.ui.boot import UnsafeFolder, private_kivy_home

NOBODY = 65534


def plant(folder: Path, marker: Path) -> None:
    """What a hostile local user leaves: a Kivy home whose config.ini loads their module."""
    (folder / "mods").mkdir(parents=True)
    (folder / "config.ini").write_text("[modules]\nplanted = \n", encoding="utf-8")
    (folder / "mods" / "planted.py").write_text(
        f"open({str(marker)!r}, 'w').write('ran')\n"
        "def start(win, ctx):\n    pass\n"
        "def stop(win, ctx):\n    pass\n", encoding="utf-8")


def config_file(tmp_path: Path) -> Path:
    config = tmp_path / "kiosk.toml"
    config.write_text(DEFAULT_CONFIG.read_text(encoding="utf-8")
                      .replace('dir = "var/log"', f'dir = "{tmp_path / "log"}"')
                      .replace('data_dir = "var/data"', f'data_dir = "{tmp_path / "data"}"')
                      .replace('output_dir = "var/prints"', f'output_dir = "{tmp_path / "prints"}"'),
                      encoding="utf-8")
    return config


def run_kiosk(tmp_path: Path, tmpdir: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "KIVY_HOME", "TMPDIR")}
    env["TMPDIR"] = str(tmpdir)
    return subprocess.run([sys.executable, "-m", "kiosk", "run", "--config", str(config_file(tmp_path)),
                           "--offscreen", "--first-frame-exit"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def tmpdir_(tmp_path):
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    return shared


def test_a_kivy_home_planted_in_the_temp_directory_is_not_used(tmp_path, tmpdir_):
    marker = tmp_path / "planted-code-ran"
    planted = tmpdir_ / "kiosk-kivy-home"
    plant(planted, marker)
    os.chown(planted, NOBODY, NOBODY)
    done = run_kiosk(tmp_path, tmpdir_)
    assert done.returncode == 0, done.stderr[-3000:]
    assert not marker.exists(), "code planted in the temp directory ran inside the kiosk"
    home = tmp_path / "data" / "kivy"
    assert home.is_dir() and stat.S_IMODE(home.stat().st_mode) == 0o700
    assert "Traceback" not in done.stderr


def test_every_start_leaves_nothing_in_the_temp_directory(tmp_path, tmpdir_):
    done = run_kiosk(tmp_path, tmpdir_)
    assert done.returncode == 0, done.stderr[-3000:]
    assert sorted(p.name for p in tmpdir_.iterdir()) == []


def test_a_kivy_home_owned_by_another_user_is_refused_in_one_line(tmp_path, tmpdir_):
    marker = tmp_path / "planted-code-ran"
    planted = tmp_path / "data" / "kivy"
    plant(planted, marker)
    os.chown(planted, NOBODY, NOBODY)
    planted.chmod(0o700)
    done = run_kiosk(tmp_path, tmpdir_)
    assert done.returncode == 2
    assert not marker.exists()
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert str(planted) in lines[0] and "owned by uid 65534" in lines[0] and "remove" in lines[0]


def test_a_kivy_home_others_can_write_is_refused(tmp_path):
    home = tmp_path / "data" / "kivy"
    home.mkdir(parents=True)
    home.chmod(0o777)
    with pytest.raises(UnsafeFolder, match="writable by other users"):
        private_kivy_home(tmp_path / "data")
    home.chmod(0o770)
    with pytest.raises(UnsafeFolder, match="writable by other users"):
        private_kivy_home(tmp_path / "data")


def test_a_kivy_home_that_is_a_symbolic_link_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "kivy").symlink_to(elsewhere)
    with pytest.raises(UnsafeFolder, match="symbolic link"):
        private_kivy_home(tmp_path / "data")


def test_the_kivy_home_is_created_private_and_reused(tmp_path):
    home = private_kivy_home(tmp_path / "data")
    assert home == tmp_path / "data" / "kivy"
    assert stat.S_IMODE(home.stat().st_mode) == 0o700 and home.stat().st_uid == os.geteuid()
    assert private_kivy_home(tmp_path / "data") == home


def test_a_modules_entry_in_the_kiosks_own_kivy_settings_is_not_loaded(tmp_path, tmpdir_):
    """KIVY_HOME given by whoever starts the kiosk, private, yet with a [modules] entry (left by a
    developer or an older Kivy): the kiosk configures Kivy from its own configuration only."""
    marker = tmp_path / "planted-code-ran"
    home = tmp_path / "own-kivy"
    plant(home, marker)
    home.chmod(0o700)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "TMPDIR")}
    env["KIVY_HOME"] = str(home)
    done = subprocess.run([sys.executable, "-m", "kiosk", "run", "--config", str(config_file(tmp_path)),
                           "--offscreen", "--first-frame-exit"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert not marker.exists()
