"""The fleet view of one terminal: a headless kiosk with every part started serves /metrics on
127.0.0.1, and what happens on the terminal (a card read, a session, a print, paper out, an
unplugged reader) shows in the metrics by name. No label ever carries what a citizen carried."""
from __future__ import annotations

import urllib.request

import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk.services.metrics.collector import METRIC_NAMES
from tests.conftest import config_with


@pytest.fixture
def terminal(default_config, clock, tmp_path):
    from kiosk.testing.harness import HeadlessKiosk

    config = config_with(default_config, ui={"allow_exit": False}, metrics={"port": 0},
                         printer={"output_dir": str(tmp_path / "prints")},
                         platform={"read_timeout_s": 1.0, "connect_timeout_s": 0.5, "retries": 0})
    kiosk = HeadlessKiosk(config, clock=clock, start_devices=True)
    assert not kiosk.services.parts.problems, kiosk.services.parts.problems
    assert kiosk.app.terminal.metrics is not None, "no metrics server"
    yield kiosk
    kiosk.close()


def scrape(kiosk) -> tuple[dict[tuple[str, tuple], float], str]:
    url = kiosk.app.terminal.metrics.url
    assert url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(url + "/metrics", timeout=10) as answer:
        text = answer.read().decode("utf-8")
    samples = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return samples, text


def value(samples, name: str, **labels) -> float | None:
    return samples.get((name, tuple(sorted(labels.items()))))


def health_round(kiosk) -> None:
    health = kiosk.services.health
    before = health.rounds
    health.check_now()
    assert kiosk.wait_until(lambda: health.rounds > before, timeout=20)


def test_every_metric_is_served_by_name_from_a_running_terminal(terminal):
    health_round(terminal)
    samples, text = scrape(terminal)
    for part in ("reader", "printer", "a4printer", "platform", "ratings", "health"):   # an A4 printer is simulated
        assert value(samples, "kiosk_part_up", part=part) == 1.0, part
    assert value(samples, "kiosk_printer_paper", kiosk_printer_paper="ok") == 1.0
    assert value(samples, "kiosk_a4printer_paper", kiosk_a4printer_paper="ok") == 1.0
    assert value(samples, "kiosk_check_status", check="printer.paper") == 0.0
    assert value(samples, "kiosk_outbox_unsent_ratings") == 0.0
    assert value(samples, "kiosk_ratings", state="parked") == 0.0
    assert value(samples, "kiosk_uptime_seconds") > 0
    assert value(samples, "kiosk_terminal_info", terminal_id="SIM-150626-01", region_code="150626") == 1.0
    assert "process_resident_memory_bytes" in text

    # Series labelled by what happened appear with the first event: a session, a platform error.
    app = terminal.app
    app.start_flow(next(f for f in app.flows if f.key == "guide"))
    app.end_session()
    terminal.simulated.platform.set_fault("error500", "time.get", times=1)
    health_round(terminal)
    samples, _text = scrape(terminal)
    served = {name for name, _labels in samples}
    for name in METRIC_NAMES:
        assert any(s == name or s.startswith(name + "_") for s in served), f"{name} not served"
    assert value(samples, "kiosk_platform_call_errors_total", operation="time.get", reason="server_error") >= 1
    assert value(samples, "kiosk_sessions_total", flow="guide") >= 1
    assert value(samples, "kiosk_part_up", part="platform") == 0.0


def test_events_count_where_they_happen_and_no_label_holds_personal_data(terminal):
    before, _ = scrape(terminal)
    app, simulated = terminal.app, terminal.simulated
    app.start_flow(next(f for f in app.flows if f.key == "status"))
    simulated.reader.place("bateer")
    screens = app.screen_manager
    assert terminal.wait_until(lambda: screens.current == "status_list", timeout=15)
    assert terminal.wait_until(lambda: screens.current_screen.ids.rows.children, timeout=15)
    after, text = scrape(terminal)
    read = value(after, "kiosk_card_reads_total", outcome="read")
    assert read == value(before, "kiosk_card_reads_total", outcome="read") + 1
    assert value(after, "kiosk_sessions_total", flow="status") == (value(before, "kiosk_sessions_total",
                                                                         flow="status") or 0) + 1
    assert value(after, "kiosk_platform_call_seconds_count", operation="applications.query") >= 1
    person = simulated.reader.people["bateer"]
    for personal in (person["name"], person["id_number"], person["id_number"][-4:] + "\"", "巴*尔"):
        assert personal not in text, personal
    simulated.reader.lift()


def test_paper_out_and_an_unplugged_reader_show_after_the_next_round(terminal):
    from kiosk.services.diagnostics.device_tests import test_page

    simulated = terminal.simulated
    before, _ = scrape(terminal)
    simulated.printer.set_state(paper="out")
    simulated.a4printer.set_state(toner="empty")
    outcome: list = []
    terminal.services.printer.submit(test_page("T", "H", "0"), outcome.append, outcome.append)
    assert terminal.wait_until(lambda: outcome, timeout=15)
    simulated.reader.unplug()
    assert terminal.wait_until(lambda: terminal.services.reader.faulty is not None, timeout=20)
    health_round(terminal)
    after, _ = scrape(terminal)
    assert value(after, "kiosk_printer_paper", kiosk_printer_paper="out") == 1.0
    assert value(after, "kiosk_check_status", check="printer.paper") == 2.0
    assert value(after, "kiosk_a4printer_toner", kiosk_a4printer_toner="empty") == 1.0
    assert value(after, "kiosk_a4printer_toner", kiosk_a4printer_toner="ok") == 0.0
    assert value(after, "kiosk_print_jobs_total", outcome="failed") == value(before, "kiosk_print_jobs_total",
                                                                             outcome="failed") + 1
    assert value(after, "kiosk_part_up", part="reader") == 0.0
    assert value(after, "kiosk_part_up", part="printer") == 0.0
    assert value(after, "kiosk_reader_faults_total") >= value(before, "kiosk_reader_faults_total") + 1
    simulated.reader.replug()
    simulated.printer.set_state(paper="ok")
    simulated.a4printer.set_state(toner="ok")


def test_health_is_answered_to_this_machine_as_json(terminal):
    import json

    url = terminal.app.terminal.metrics.url
    with urllib.request.urlopen(url + "/health?fresh=1", timeout=40) as answer:
        document = json.loads(answer.read())
    assert document["fresh"] is True
    assert document["kiosk"]["terminal_id"] == "SIM-150626-01"
    assert {r["check"] for r in document["report"]["results"]} >= {"reader.sam", "printer.paper", "storage.outbox"}
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url + "/nothing-here", timeout=5)
    assert refused.value.code == 404
