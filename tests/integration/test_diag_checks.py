"""Every diagnostics check against healthy and broken simulated parts: the virtual reader on a
pty, the virtual printer over TCP, the platform simulator over HTTP, SQLite files in tmp_path."""
from __future__ import annotations

import sqlite3
import time

import pytest

from kiosk.parts import open_parts_for_checks
from kiosk.platform.client import PlatformClient
from kiosk.services.diagnostics import DiagContext, Status, run_checks
from kiosk.services.diagnostics.context import disk_free_bytes
from kiosk.services.diagnostics.storage_check import MB
from kiosk.threads import ManualDelivery
from tests.conftest import config_with
from tests.conftest import wait_for


@pytest.fixture
def base_config(default_config, tmp_path):
    return config_with(default_config, platform={"read_timeout_s": 1.0, "connect_timeout_s": 0.5, "retries": 0},
                       printer={"timeout_s": 1.0, "status_timeout_s": 0.3, "output_dir": str(tmp_path / "prints")},
                       reader={"probe_timeout_s": 0.1, "command_timeout_s": 0.3, "sim_processing_delay_s": 0.0,
                               "sim_read_delay_s": 0.0})


@pytest.fixture
def terminal(base_config):
    """The parts as `kiosk diag` builds them: every part simulated, no watcher."""
    t = open_parts_for_checks(base_config)
    assert not t.parts.problems, t.parts.problems
    yield t
    t.stop()


@pytest.fixture
def config(terminal):
    return terminal.config


@pytest.fixture
def parts(terminal):
    return terminal.parts


@pytest.fixture
def sims(terminal):
    return terminal.simulated


def checks(config, parts, *, part=None, in_app=False, **ctx) -> dict[str, object]:
    report = run_checks(DiagContext(config, parts, in_app=in_app, **ctx),
                        (part,) if part else ("reader", "printer", "platform", "storage", "app"))
    return {r.check: r for r in report.results}


def statuses(found) -> dict[str, Status]:
    return {name: r.status for name, r in found.items()}


def test_healthy_parts_pass_every_check(config, parts):
    found = checks(config, parts)
    assert {n for n, s in statuses(found).items() if s is not Status.OK} == set()
    assert found["reader.link"].detail == "answers at 115200 baud"
    assert found["reader.sam"].detail.startswith("No. 05.01-")
    assert {"printer.paper", "printer.cover", "printer.cutter", "platform.clock", "storage.disk",
            "storage.database", "app.log_dir"} <= set(found)


def test_reader_missing(config, parts, sims):
    config = config_with(config, reader={"simulated": False, "port": "/dev/ttyKIOSK-not-there"})
    sims.reader.stop()
    found = checks(config, parts, part="reader")
    assert statuses(found) == {"reader.port": Status.FAILURE, "reader.link": Status.FAILURE,
                               "reader.sam": Status.FAILURE}
    assert "USB" in found["reader.port"].hint


def test_reader_at_another_rate_warns_with_the_rate_found(config, parts):
    found = checks(config_with(config, reader={"baud": 9600}), parts, part="reader")
    assert found["reader.link"].status is Status.WARNING
    assert "answers at 115200 baud (configured 9600)" == found["reader.link"].detail


def test_sam_self_test_failure(config, parts, sims):
    sims.reader.set_fault("sam_selftest")
    found = checks(config, parts, part="reader")
    assert found["reader.port"].status is Status.OK
    assert found["reader.link"].status is Status.OK        # it answers: the rate is right
    assert found["reader.sam"].status is Status.FAILURE
    assert "SAM" in found["reader.sam"].hint


def test_silent_reader(config, parts, sims):
    sims.reader.set_fault("silence")
    found = checks(config, parts, part="reader")
    assert found["reader.link"].status is Status.FAILURE


def test_the_reader_check_asks_a_running_watcher_instead_of_opening_the_port(config, parts, sims):
    from kiosk.devices.idcard.watcher import CardWatcher
    from kiosk.testing.reader import Callbacks

    delivery = ManualDelivery()
    watcher = CardWatcher.from_settings(config.reader, delivery, Callbacks())
    watcher.start()
    parts.reader = watcher
    try:
        assert wait_for(lambda: watcher.reader.is_open)
        found = checks(config, parts, part="reader", in_app=True)
        assert statuses(found) == {"reader.port": Status.OK, "reader.link": Status.OK, "reader.sam": Status.OK}
        assert found["reader.sam"].detail.startswith("No. 05.01-")
        sims.reader.set_fault("sam_selftest")
        assert wait_for(lambda: watcher.faulty is not None)
        found = checks(config, parts, part="reader", in_app=True)
        assert found["reader.sam"].status is Status.FAILURE
    finally:
        watcher.stop()




def test_printer_paper_out(config, parts, sims):
    sims.printer.set_state(paper="out")
    found = checks(config, parts, part="printer")
    assert found["printer.reachable"].status is Status.OK
    assert found["printer.paper"].status is Status.FAILURE


def test_printer_cover_open(config, parts, sims):
    sims.printer.set_state(cover_open=True)
    found = checks(config, parts, part="printer")
    assert found["printer.cover"].status is Status.FAILURE
    assert found["printer.paper"].status is Status.OK


def test_printer_unreachable(config, parts, sims):
    sims.printer.stop()
    found = checks(config, parts, part="printer")
    assert found["printer.reachable"].status is Status.FAILURE
    assert "power" in found["printer.reachable"].hint


def test_platform_down(config, parts, sims):
    sims.platform.stop()
    found = checks(config, parts, part="platform")
    assert statuses(found) == {"platform.reachable": Status.FAILURE}
    assert "network" in found["platform.reachable"].hint


def test_platform_refuses_the_credentials(config, parts, sims):
    wrong = config_with(config, platform={"secret": "not-the-secret-of-this-terminal"})
    client = PlatformClient(wrong.platform, config.terminal.terminal_id, base_url=sims.platform.base_url)
    parts.platform = client
    found = checks(config, parts, part="platform")
    assert found["platform.credentials"].status is Status.FAILURE


@pytest.mark.parametrize("offset_s, expected", [(-600, Status.FAILURE), (60, Status.WARNING), (2, Status.OK)])
def test_clock_skew(config, parts, sims, offset_s, expected):
    client = PlatformClient(config.platform, config.terminal.terminal_id, base_url=sims.platform.base_url,
                            clock=lambda: time.time() + offset_s)
    parts.platform = client
    found = checks(config, parts, part="platform")
    assert found["platform.clock"].status is expected
    if expected is not Status.OK:
        assert f"{offset_s:+d} s" in found["platform.clock"].detail


@pytest.mark.parametrize("free, expected", [(10 * MB, Status.FAILURE), (200 * MB, Status.WARNING),
                                            (5000 * MB, Status.OK)])
def test_disk_nearly_full(config, parts, free, expected):
    found = checks(config, parts, part="storage", free_space=lambda path: free)
    assert found["storage.disk"].status is expected


def test_free_space_of_a_directory_not_made_yet(tmp_path):
    assert disk_free_bytes(tmp_path / "not" / "yet") > 0


def test_a_corrupt_database_fails_the_integrity_check(config, parts):
    path = config.storage.data_dir / "broken.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (x TEXT)")
    db.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    db.commit()
    db.close()
    data = bytearray(path.read_bytes())
    data[4096: 4096 + 12] = b"\xff" * 12     # the second page's header: no valid page type
    path.write_bytes(bytes(data))
    found = checks(config, parts, part="storage")
    assert found["storage.database"].status is Status.FAILURE
    assert "broken.db" in found["storage.database"].detail


def _ratings_db(path, created: list[float]) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE ratings (key TEXT PRIMARY KEY, state TEXT NOT NULL, created_s REAL NOT NULL)")
    db.executemany("INSERT INTO ratings VALUES (?, 'pending', ?)", [(f"k{i}", t) for i, t in enumerate(created)])
    db.execute("INSERT INTO ratings VALUES ('done', 'confirmed', 0)")
    db.commit()
    db.close()


def test_unsent_ratings_and_the_oldest_age(config, parts):
    now = 1_800_000_000.0
    _ratings_db(config.storage.data_dir / "ratings.db", [now - 5400, now - 60])
    found = checks(config, parts, part="storage", clock=lambda: now)
    outbox = found["storage.outbox"]
    assert outbox.status is Status.WARNING
    assert outbox.detail == "2 unsent rating(s), oldest 90 min old"


def test_an_outbox_not_there_yet_is_tolerated(config, parts):
    (config.storage.data_dir / "ratings.db").write_bytes(b"")      # empty file: no table
    found = checks(config, parts, part="storage")
    assert found["storage.outbox"].status is Status.OK


def test_print_jobs_with_unknown_outcome_are_reported(config, parts, sims):
    from kiosk.services.documents import SAMPLES

    sims.printer.set_fault(disconnect_after=50)
    done = []
    parts.printer.submit(SAMPLES["receipt"](), done.append, done.append)
    assert wait_for(lambda: parts.printer.pending_reprints())
    found = checks(config, parts, part="storage")
    assert found["storage.print_journal"].status is Status.WARNING


def test_app_checks_name_a_broken_configuration_file(config, parts, tmp_path):
    from kiosk.paths import DEFAULT_CONFIG

    path = tmp_path / "kiosk.toml"
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    assert "idle_timeout_s = 60\n" in text
    path.write_text(text.replace("idle_timeout_s = 60\n", "idle_timeout_s = 'soon'\n"), encoding="utf-8")
    import dataclasses
    found = checks(dataclasses.replace(config, source=path), parts, part="app")
    assert found["app.config"].status is Status.FAILURE
    assert "idle_timeout_s" in found["app.config"].detail
    assert found["app.log_dir"].status is Status.OK


def test_log_directory_not_writable(config, parts, tmp_path):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    found = checks(config_with(config, logging={"dir": blocker / "log"}), parts, part="app")
    assert found["app.log_dir"].status is Status.FAILURE
