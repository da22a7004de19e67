"""Personal data is masked at the logging layer, whatever the call site does."""
from __future__ import annotations

import logging

import pytest

from kiosk.logs import MaskPersonalData, PersonalValues, setup_logging
from kiosk.masking import mask_id_number, mask_name

ID = "150626195803123015"


@pytest.fixture
def logged(tmp_path):
    """A logger writing through the kiosk's file handler into tmp_path; returns (logger, read, values)."""
    values = PersonalValues()
    root = logging.getLogger()
    before = list(root.handlers)
    handler = setup_logging(tmp_path, "DEBUG", console=False)
    handler.filters[0]._values = values  # this test's registry instead of the app-wide one
    logger = logging.getLogger("kiosk.test")

    def read() -> str:
        handler.flush()
        return (tmp_path / "kiosk.log").read_text(encoding="utf-8")

    yield logger, read, values
    for h in list(root.handlers):
        if h not in before:
            root.removeHandler(h)
            h.close()


def test_id_numbers_in_the_message_or_the_arguments(logged):
    log, read, _ = logged
    log.info("read card %s", ID)
    log.info(f"lookup for {ID[:17]}x failed")
    log.info("old card 150626580312301")
    text = read()
    assert ID not in text and ID[:17] not in text and "150626580312301" not in text
    assert "150626********3015" in text and "150626*****2301" in text


def test_mobile_numbers(logged):
    log, read, _ = logged
    log.warning("callback to 13912345678 requested")
    assert "13912345678" not in read() and "139****5678" in read()


def test_names_registered_by_the_session_are_masked_anywhere(logged):
    log, read, values = logged
    values.add("巴特尔", "内蒙古自治区鄂尔多斯市乌审旗嘎鲁图镇锡尼路12号")
    log.info("hello %s at %s", "巴特尔", "内蒙古自治区鄂尔多斯市乌审旗嘎鲁图镇锡尼路12号")
    text = read()
    assert "巴特尔" not in text and "锡尼路12号" not in text
    assert "巴*尔" in text


def test_names_marked_personal_by_the_call_site(logged):
    log, read, _ = logged
    log.info("evaluator 王淑芬 rated", extra={"personal": ["王淑芬"]})
    assert "王淑芬" not in read() and "王*芬" in read()


def test_tracebacks_are_masked(logged):
    log, read, values = logged
    values.add("其其格")
    try:
        raise ValueError(f"bad card for 其其格 {ID}")
    except ValueError:
        log.exception("card parse failed")
    text = read()
    assert "ValueError" in text and "其其格" not in text and ID not in text


def test_unmasked_values_are_forgotten_after_removal(logged):
    log, read, values = logged
    values.add("敖云毕力格")
    values.remove("敖云毕力格")
    log.info("敖云毕力格")
    assert "敖云毕力格" in read()  # proves the registry, not a blanket rule, did the masking above


def test_a_broken_format_string_still_logs_masked(logged):
    log, read, _ = logged
    log.info("two args %s %s", ID)
    text = read()
    assert "two args" in text and ID not in text


def test_filter_on_a_bare_record():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "id %s", (ID,), None)
    MaskPersonalData(PersonalValues()).filter(record)
    assert record.getMessage() == "id 150626********3015"


@pytest.mark.parametrize("name,masked", [("张三", "张*"), ("张小三", "张*三"), ("敖云毕力格", "敖***格"),
                                         ("SMITH JOHN", "S**** J***"), ("", "")])
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_mask_id_number():
    assert mask_id_number("152627199001011234") == "152627********1234"


def test_log_files_rotate(tmp_path):
    root = logging.getLogger()
    before = list(root.handlers)
    handler = setup_logging(tmp_path, "INFO", max_bytes=10_000, backups=2, console=False)
    try:
        for i in range(2000):
            logging.getLogger("kiosk.rotate").info("line %d %s", i, "x" * 40)
        handler.flush()
        names = sorted(p.name for p in tmp_path.iterdir())
        assert names == ["kiosk.log", "kiosk.log.1", "kiosk.log.2"]
    finally:
        for h in list(root.handlers):
            if h not in before:
                root.removeHandler(h)
                h.close()


def test_one_display_of_a_cards_holder_for_every_place_that_shows_one():
    from types import SimpleNamespace

    from kiosk.masking import display_identity
    resident = SimpleNamespace(name="敖云毕力格", english_name="", id_number=ID, pass_number="")
    foreigner = SimpleNamespace(name="", english_name="SMITH JOHN", id_number="", pass_number="H12345678")
    shown = display_identity(resident)
    assert (shown.name, shown.id_number) == ("敖***格", "150626********3015")
    shown = display_identity(foreigner)          # no ID number: the pass number stands for the person
    assert (shown.name, shown.id_number) == ("S**** J***", "H12****78")
