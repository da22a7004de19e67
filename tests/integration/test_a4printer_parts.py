"""The composition root and the A4 printer: simulated, the virtual A4 printer starts and the driver
is given nothing but its ipp:// address; not installed, nothing starts; real, no simulator; a
virtual printer that cannot start is a problem of the A4 printer only."""
from __future__ import annotations

from kiosk.devices.a4printer.service import A4PrintService
from kiosk.parts import open_parts_for_checks
from tests.conftest import config_with


def test_a_simulated_a4_printer_is_a_plain_driver_pointed_at_its_simulator(default_config, tmp_path):
    config = config_with(default_config, a4printer={"output_dir": str(tmp_path / "prints")})
    terminal = open_parts_for_checks(config, reader=False, printer=False, platform=False)
    try:
        a4, sim = terminal.parts.a4printer, terminal.simulated.a4printer
        assert isinstance(a4, A4PrintService) and not terminal.parts.problems
        assert terminal.config.a4printer.uri == sim.uri == a4.address.printer_uri
        assert sim.uri.startswith("ipp://127.0.0.1:") and sim.uri.endswith("/ipp/print")
        assert a4.status(timeout=5).state == "idle"
    finally:
        terminal.stop()
    assert not sim.plugged


def test_a_terminal_without_an_a4_printer_starts_none(default_config):
    config = config_with(default_config, a4printer={"installed": False})
    terminal = open_parts_for_checks(config, reader=False, printer=False, platform=False)
    try:
        assert terminal.parts.a4printer is None and terminal.simulated.a4printer is None
        assert not terminal.parts.problems
    finally:
        terminal.stop()


def test_a_real_a4_printer_starts_no_simulator(default_config):
    config = config_with(default_config, a4printer={"simulated": False, "uri": "ipp://127.0.0.1:9/ipp/print"})
    terminal = open_parts_for_checks(config, reader=False, printer=False, platform=False)
    try:
        assert terminal.simulated.a4printer is None
        assert terminal.parts.a4printer.address.http_url == "http://127.0.0.1:9/ipp/print"
    finally:
        terminal.stop()


def test_a_virtual_a4_printer_that_cannot_start_is_that_parts_problem_only(default_config, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the prints folder should be")
    config = config_with(default_config, a4printer={"output_dir": str(blocker / "prints")})
    terminal = open_parts_for_checks(config, reader=False, platform=False)
    try:
        assert terminal.parts.a4printer is None and terminal.parts.problem_of("a4printer")
        assert terminal.parts.printer is not None
    finally:
        terminal.stop()
