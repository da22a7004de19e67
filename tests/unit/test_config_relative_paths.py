"""A relative path in the configuration never depends on the working directory: the ratings
database, the print journal and the logs stay where they are whatever folder the kiosk starts in."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.config import load_config
from kiosk.paths import DEFAULT_CONFIG, ROOT


def test_the_embedded_defaults_var_is_the_projects_whatever_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = load_config(DEFAULT_CONFIG)
    assert config.storage.data_dir == ROOT / "var" / "data"
    assert config.logging.dir == ROOT / "var" / "log"
    assert config.printer.output_dir == str(ROOT / "var" / "prints")
    assert config.a4printer.output_dir == str(ROOT / "var" / "prints")


def test_the_same_from_two_folders_and_from_a_relative_config_path(tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(ROOT)
    here = load_config(Path("config") / "kiosk.toml")
    monkeypatch.chdir(elsewhere)
    there = load_config(DEFAULT_CONFIG)
    assert here.storage.data_dir == there.storage.data_dir == ROOT / "var" / "data"


def test_a_relative_path_in_any_other_file_is_from_that_files_folder(tmp_path, monkeypatch):
    folder = tmp_path / "etc"
    folder.mkdir()
    text = (DEFAULT_CONFIG.read_text(encoding="utf-8")
            .replace('dir = "var/log"', 'dir = "log"').replace('data_dir = "var/data"', 'data_dir = "state/data"'))
    path = folder / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config = load_config(Path("etc") / "kiosk.toml")
    assert config.storage.data_dir == folder / "state" / "data"
    assert config.logging.dir == folder / "log"
    assert config.printer.output_dir == str(folder / "var" / "prints")


def test_absolute_and_empty_paths_stay_as_written(tmp_path):
    text = (DEFAULT_CONFIG.read_text(encoding="utf-8")
            .replace('data_dir = "var/data"', f'data_dir = "{tmp_path / "data"}"'))
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    assert config.storage.data_dir == tmp_path / "data"
    assert config.platform.ca_bundle == "" and config.printer.file_path == ""


def test_check_config_from_another_folder_names_the_projects_data(tmp_path):
    # What `kiosk` itself reads: a fresh process started in an unrelated folder.
    code = ("from kiosk.config import load_config; from kiosk.paths import DEFAULT_CONFIG; "
            "print(load_config(DEFAULT_CONFIG).storage.data_dir)")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == str(ROOT / "var" / "data")
