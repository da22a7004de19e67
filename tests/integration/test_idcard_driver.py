"""The driver against the virtual reader over a real pty: card types, baud rates, every fault."""
from __future__ import annotations

import pytest

from kiosk.devices.idcard import errors
from kiosk.devices.idcard.outcomes import Outcome
from kiosk.devices.idcard.reader import IdCardReader
from kiosk.sim.idcard_sim import load_people, start_virtual_reader

PEOPLE = load_people()


@pytest.fixture
def sim():
    s = start_virtual_reader(115200, processing_delay_s=0.0, read_delay_s=0.0)
    yield s
    s.stop()


def open_reader(sim, baud=115200, **kw) -> IdCardReader:
    kw = {"command_timeout_s": 0.3, "read_timeout_s": 0.8, "probe_timeout_s": 0.15, **kw}
    reader = IdCardReader(sim.port_path, baud, **kw)
    reader.open()
    return reader


@pytest.fixture
def reader(sim):
    r = open_reader(sim)
    yield r
    r.dispose()


@pytest.mark.parametrize("key", list(PEOPLE))
def test_every_sample_card_reads_into_its_record(sim, reader, key):
    sim.place(key)
    card = reader.wait_for_card(2)
    person = PEOPLE[key]
    assert card.card_type == person["card_type"]
    assert card.name == person["name"]
    assert card.id_number == person["id_number"]
    assert card.id_number_valid is (key != "badcheck")
    assert len(card.photo_wlt) == 1024 and card.photo_wlt_sha256
    assert card.chip_number and len(card.chip_number) == 4


def test_sam_status_and_id(reader):
    info = reader.sam_info()
    assert info.status is Outcome.SUCCESS
    assert info.sam_id == "05.01-20260101-0000150626-0001000042"
    reader.reset()


def test_card_left_on_the_reader_is_not_a_new_card(sim, reader):
    sim.place("wang")
    chip = reader.find_card()
    assert chip is not None
    reader.read_card(chip)
    assert reader.find_card() is None          # the card is still there, but find answers 80
    assert reader.card_still_present()         # appended address still succeeds
    sim.lift()
    assert not reader.card_still_present()
    assert reader.find_card() is None
    sim.place("wang")
    assert reader.find_card() == chip


def test_appended_addresses_and_fingerprint(sim):
    reader = open_reader(sim, read_fingerprint=True)
    try:
        sim.place(dict(PEOPLE["qiqige"], appended_addresses=["乌审旗嘎鲁图镇新区7号", "图克镇"], fingerprint=True))
        card = reader.wait_for_card(2)
        assert card.appended_addresses == ("乌审旗嘎鲁图镇新区7号", "图克镇")
        assert len(card.fingerprint) == 1024
    finally:
        reader.dispose()


def test_no_card_in_time(reader):
    with pytest.raises(errors.NoCardInTime):
        reader.wait_for_card(0.2)


def test_read_at_9600_baud():
    sim = start_virtual_reader(9600, processing_delay_s=0.0, read_delay_s=0.0, card="olga")
    try:
        reader = open_reader(sim, 9600, read_timeout_s=3.0)
        assert reader.baud == 9600
        assert reader.wait_for_card(3).english_name == "IVANOVA, OLGA"
        reader.dispose()
    finally:
        sim.stop()


def test_probing_finds_a_reader_left_at_9600_and_set_baud_moves_it_back():
    sim = start_virtual_reader(9600, processing_delay_s=0.0, read_delay_s=0.0)
    try:
        reader = open_reader(sim, 115200)          # configured 115200, the reader answers at 9600
        assert reader.baud == 9600 and sim.stats.ignored_bytes > 0
        reader.set_baud(115200)
        assert sim.baud == 115200 and reader.baud == 115200
        assert reader.sam_status() is Outcome.SUCCESS
        reader.dispose()
    finally:
        sim.stop()


def test_without_probing_a_wrong_rate_means_not_responding():
    sim = start_virtual_reader(19200)
    try:
        with pytest.raises(errors.ReaderNotResponding):
            open_reader(sim, 115200, probe_baud=False)
    finally:
        sim.stop()


def test_missing_port_is_reader_not_found(tmp_path):
    with pytest.raises(errors.ReaderNotFound):
        IdCardReader(str(tmp_path / "ttyUSB9")).open()


# ---- faults ---------------------------------------------------------------------------------
def test_garbage_before_answers_is_skipped(sim, reader):
    sim.set_fault("garbage")
    sim.place("bateer")
    assert reader.wait_for_card(2).name == "巴特尔"


def test_persistent_checksum_errors_are_typed(sim, reader):
    sim.set_fault("checksum")
    with pytest.raises(errors.ChecksumMismatch):
        reader.sam_status()


def test_one_damaged_answer_during_a_read_is_retried(sim, reader):
    sim.place("bateer")
    chip = reader.find_card()
    requests = sim.stats.requests
    sim.set_fault("checksum", count=1)
    assert reader.read_card(chip).name == "巴特尔"
    assert sim.stats.requests == requests + 4        # select twice, read, appended address


def test_truncated_answer_is_typed(sim, reader):
    sim.set_fault("truncated")
    with pytest.raises(errors.TruncatedFrame):
        reader.sam_status()


def test_silence_is_a_timeout(sim, reader):
    sim.set_fault("silence")
    with pytest.raises(errors.ReaderTimeout) as info:
        reader.find_card()
    assert info.value.received_bytes == 0


def test_sam_self_test_failure(sim):
    sim.set_fault("sam_selftest")
    with pytest.raises(errors.SamFault) as info:
        open_reader(sim)
    assert info.value.outcome is Outcome.SAM_SELF_TEST_FAILED
    assert info.value.message_key == "reader.sam_fault"


def test_read_failure_41(sim, reader):
    sim.set_fault("read_fail")
    sim.place("aoyun")
    with pytest.raises(errors.CardReadFailed) as info:
        reader.wait_for_card(2)
    assert info.value.outcome is Outcome.READ_FAILED
    assert not info.value.for_technician


def test_unplug_is_seen_and_the_port_reopens_after_replug(sim, reader):
    sim.unplug()
    with pytest.raises(errors.PortVanished):
        reader.find_card()
    reader.close()
    with pytest.raises(errors.ReaderNotFound):
        reader.open()
    sim.replug()
    reader.open()
    sim.place("chan")
    assert reader.wait_for_card(2).pass_number == "H01234567"


def test_cancel_ends_a_wait_at_once(sim, reader):
    import threading
    sim.set_fault("silence")
    reader.read_timeout_s = 30
    threading.Timer(0.1, reader.cancel).start()
    from kiosk.devices.idcard.reader import Cancelled
    with pytest.raises(Cancelled):
        reader.read_text_photo()
