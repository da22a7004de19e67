"""A full or unwritable log directory does not end the kiosk: the log handlers and the audit log
never raise into the code that writes, a failure is reported once (not a traceback per record)
and recorded for the diagnostics, and it clears when writing works again.

Run as root, so permissions do not stop writes: the directory is replaced by a file, and a full
disk is /dev/full (every write fails with ENOSPC)."""
from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from kiosk.logs import setup_logging, write_faults
from kiosk.services.diagnostics.audit import AUDIT_FILE, AuditLog


@pytest.fixture
def root_logger():
    """setup_logging installs on the root logger: take its handlers off again after the test."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield root
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.fixture(autouse=True)
def no_faults_left():
    yield
    for target in list(write_faults.current()):
        write_faults.clear(target)


def a_file_where_the_directory_should_be(tmp_path: Path) -> Path:
    path = tmp_path / "log"
    path.write_text("not a directory")
    return path


def full_disk_log_dir(tmp_path: Path, name: str) -> Path:
    log_dir = tmp_path / "log"
    log_dir.mkdir()
    (log_dir / name).symlink_to("/dev/full")
    return log_dir


def test_a_log_directory_that_cannot_be_made_does_not_stop_start_up(tmp_path, root_logger, capfd):
    log_dir = a_file_where_the_directory_should_be(tmp_path)
    setup_logging(log_dir, console=False)
    for i in range(20):
        logging.getLogger("kiosk.test").error("record %d", i)
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Logging error" not in err
    assert err.count("cannot write the log") == 1, err
    assert str(log_dir / "kiosk.log") in write_faults.current()


def test_a_full_disk_under_the_log_is_reported_once_and_clears_when_space_is_back(tmp_path, root_logger, capfd):
    log_dir = full_disk_log_dir(tmp_path, "kiosk.log")
    handler = setup_logging(log_dir, console=False)
    for i in range(50):
        logging.getLogger("kiosk.test").warning("record %d", i)
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Logging error" not in err
    assert err.count("No space left on device") == 1, err
    assert "No space left" in write_faults.current()[handler.baseFilename]

    (log_dir / "kiosk.log").unlink()            # space is back
    logging.getLogger("kiosk.test").warning("after the disk was freed")
    assert handler.baseFilename not in write_faults.current()
    assert "after the disk was freed" in (log_dir / "kiosk.log").read_text("utf-8")


def test_the_audit_log_never_raises_when_its_directory_is_a_file(tmp_path):
    audit = AuditLog(a_file_where_the_directory_should_be(tmp_path))
    entry = audit.record("entry", "pin requested")
    assert entry["written"] is False and entry["action"] == "entry"
    assert "NotADirectoryError" in audit.fault() or "FileExistsError" in audit.fault()


def test_the_audit_log_never_raises_on_a_full_disk_and_recovers(tmp_path):
    log_dir = full_disk_log_dir(tmp_path, AUDIT_FILE)
    audit = AuditLog(log_dir)
    assert audit.record("pin", "wrong", "4 tries left")["written"] is False
    assert "No space left on device" in audit.fault()
    os.unlink(log_dir / AUDIT_FILE)
    assert audit.record("pin", "ok")["written"] is True
    assert audit.fault() is None
    assert [e["outcome"] for e in audit.entries()] == ["ok"]


def test_the_diagnostics_show_a_log_directory_whose_writes_fail(tmp_path, default_config):
    from dataclasses import replace

    from kiosk.services.diagnostics.app_check import _log_dir
    from kiosk.services.diagnostics.context import DiagContext

    log_dir = full_disk_log_dir(tmp_path, AUDIT_FILE)
    config = replace(default_config, logging=replace(default_config.logging, dir=log_dir))
    ctx = DiagContext(config)
    assert _log_dir(ctx).status.value == "ok"               # an empty file can still be made
    AuditLog(log_dir).record("entry", "pin requested")
    result = _log_dir(ctx)
    assert result.status.value == "failure" and "No space left on device" in result.detail
    assert AUDIT_FILE in result.detail and "free space" in result.hint
