"""Every command the driver sends reaches the virtual reader over a real pty and gets a real answer."""
from __future__ import annotations

from kiosk.devices.idcard.protocol import BAUD_RATES, Command, Outcome
from kiosk.devices.idcard.reader import IdCardReader
from kiosk.sim.idcard_sim import load_people, start_virtual_reader


def test_every_command_the_driver_sends_is_answered_by_the_virtual_reader():
    sim = start_virtual_reader(115200, processing_delay_s=0.0, read_delay_s=0.0)
    reader = IdCardReader(sim.port_path, 115200, command_timeout_s=0.3, read_timeout_s=0.8,
                          probe_timeout_s=0.15)
    try:
        reader.open()
        reader.reset()
        reader.sam_info()
        sim.place(dict(load_people()["qiqige"], appended_addresses=["图克镇"], fingerprint=True))
        assert reader.find_card() is not None
        reader.select_card()
        assert len(reader.read_text_photo(fingerprint=False)[2]) == 0
        assert len(reader.read_text_photo(fingerprint=True)[2]) == 1024
        assert reader.read_appended_addresses() == ("图克镇",)
        for rate in reversed(BAUD_RATES):          # ends back at the default rate
            reader.set_baud(rate)
            assert sim.baud == rate and reader.sam_status() is Outcome.SUCCESS
    finally:
        reader.dispose()
        sim.stop()
    heard = [(Command.of(cmd, para), Outcome.of(sw3)) for _, cmd, para, sw3 in sim.stats.log]
    assert {command for command, _ in heard} == set(Command)
    assert all(outcome in (Outcome.SUCCESS, Outcome.CARD_FOUND) for _, outcome in heard)
