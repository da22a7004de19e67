"""The technicians' entry on a terminal whose log directory cannot be written: the five-tap
gesture used to raise inside the touch handler and end the kiosk."""
from __future__ import annotations

import pytest

from kiosk.logs import write_faults
from kiosk.services.diagnostics.audit import AUDIT_FILE
from kiosk.services.diagnostics.pin import hash_pin
from tests.conftest import config_with

pytestmark = pytest.mark.ui

PIN = "246810"


@pytest.fixture(autouse=True)
def no_faults_left():
    yield
    for target in list(write_faults.current()):
        write_faults.clear(target)


@pytest.fixture
def started(clock):
    from kiosk.testing.harness import HeadlessKiosk

    kiosks = []

    def start(config):
        kiosks.append(HeadlessKiosk(config, clock=clock))
        return kiosks[-1]

    yield start
    for k in kiosks:
        k.close()


def enter_pin(k, pin: str) -> None:
    for digit in pin:
        k.tap(k.screen.ids[f"key_{digit}"], frames=1)
    pad = k.screen
    k.tap(pad.ids.submit)
    k.wait_until(lambda: not pad.busy, timeout=5)
    k.pump(3)


@pytest.mark.parametrize("disk", ["directory is a file", "disk full"])
def test_the_five_taps_and_the_pin_work_when_the_audit_cannot_be_written(started, default_config, tmp_path, disk):
    log_dir = tmp_path / "broken-log"
    if disk == "directory is a file":
        log_dir.write_text("a file where the log directory should be")
    else:
        log_dir.mkdir()
        (log_dir / AUDIT_FILE).symlink_to("/dev/full")
    config = config_with(default_config, ui={"allow_exit": False}, logging={"dir": log_dir},
                         diagnostics={"pin_hash": hash_pin(PIN, n=2 ** 10)})
    k = started(config)
    for _ in range(5):
        k.tap(k.screen.ids.hall_name, frames=1)       # raised in the touch handler before
    assert k.app.screen_manager.current == "diag_pin"
    assert str(log_dir / AUDIT_FILE) in write_faults.current()
    enter_pin(k, PIN)
    assert k.app.screen_manager.current == "diag_checks"


def test_the_pin_pad_refuses_and_says_why_when_attempts_cannot_be_counted(started, default_config):
    """A full data directory: the right PIN is refused too, the pad locks and says what to check."""
    data_dir = default_config.storage.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "diagnostics_lock.tmp").symlink_to("/dev/full")
    config = config_with(default_config, ui={"allow_exit": False},
                         diagnostics={"pin_hash": hash_pin(PIN, n=2 ** 10)})
    k = started(config)
    for _ in range(5):
        k.tap(k.screen.ids.hall_name, frames=1)
    enter_pin(k, PIN)
    pad = k.screen
    assert k.app.screen_manager.current == "diag_pin"
    assert pad.locked and pad.ids.submit.disabled
    assert pad.message == "无法记录PIN尝试次数（数据目录已满或只读），已锁定，请检查存储后再试"
    entries = (config.logging.dir / AUDIT_FILE).read_text("utf-8")
    assert '"action": "pin", "outcome": "cannot_record"' in entries
