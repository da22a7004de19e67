"""The composition root: simulated parts start their simulators, and the real drivers are given
nothing but where to find them (a pty path, a loopback address, a base URL)."""
from __future__ import annotations

from kiosk.devices.idcard.watcher import CardWatcher
from kiosk.devices.printer.service import PrintService
from kiosk.parts import open_parts_for_checks, start_terminal
from kiosk.platform.client import PlatformClient
from kiosk.testing.reader import Callbacks
from kiosk.threads import ManualDelivery
from tests.conftest import config_with, wait_for


def test_simulated_parts_are_plain_drivers_pointed_at_their_simulators(default_config, tmp_path):
    config = config_with(default_config, printer={"output_dir": str(tmp_path / "prints")})
    delivery, placed = ManualDelivery(), []
    terminal = start_terminal(config, delivery, Callbacks(on_card_placed=lambda card: placed.append(card.name)))
    try:
        parts, sims = terminal.parts, terminal.simulated
        assert not parts.problems, parts.problems
        assert isinstance(parts.reader, CardWatcher) and isinstance(parts.printer, PrintService)
        assert isinstance(parts.platform, PlatformClient)
        # Where the drivers were pointed: the configuration they got says it, nothing else does.
        assert terminal.config.reader.port == sims.reader.port_path == parts.reader.reader.port
        assert (terminal.config.printer.transport, terminal.config.printer.host, terminal.config.printer.port) \
            == ("network", "127.0.0.1", sims.printer.port)
        assert parts.platform.base_url == sims.platform.base_url == terminal.config.platform.base_url
        assert parts.platform.catalogue().themes
        assert parts.ratings is not None and parts.health is not None
        sims.reader.place("qiqige")
        assert wait_for(lambda: delivery.drain(0.02) >= 0 and placed == ["其其格"])
    finally:
        terminal.stop()
    assert not parts.reader.running


def test_a_part_whose_simulator_fails_is_a_problem_of_that_part_only(default_config, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the prints folder should be")
    config = config_with(default_config, printer={"output_dir": str(blocker / "prints")})
    terminal = open_parts_for_checks(config, reader=False)
    try:
        assert terminal.parts.printer is None and terminal.simulated.printer is None
        assert terminal.parts.problem_of("printer")
        assert terminal.parts.platform is not None
    finally:
        terminal.stop()


def test_real_parts_start_no_simulator(default_config):
    config = config_with(default_config, reader={"simulated": False, "port": "/dev/ttyKIOSK-not-there"},
                         printer={"simulated": False, "host": "127.0.0.1", "port": 9},
                         platform={"simulated": False, "base_url": "http://127.0.0.1:9/kiosk/v1"})
    terminal = open_parts_for_checks(config)
    try:
        assert terminal.simulated.reader is None and terminal.simulated.printer is None
        assert terminal.simulated.platform is None
        assert terminal.config.reader.port == "/dev/ttyKIOSK-not-there"
        assert terminal.parts.platform.base_url == "http://127.0.0.1:9/kiosk/v1"
    finally:
        terminal.stop()
