"""The Chinese text writer and the encoder, byte by byte."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from kiosk.devices.printer import commands
from kiosk.devices.printer.document import Field, PrintDocument, QrCode, Rule, Text
from kiosk.devices.printer.encoder import EncoderOptions, EscPosEncoder
from kiosk.devices.printer.profile import PrinterProfile
from kiosk.devices.printer.text import ChineseTextWriter, display_width, normalize, wrap

P80 = PrinterProfile.from_escpos("TM-T88III", 80)
P58 = PrinterProfile.from_escpos("POS-5890", 58)


def body(doc: PrintDocument, profile=P80, **opts) -> bytes:
    """The bytes between the header (ESC @ FS &) and the closing reset/cut."""
    data = EscPosEncoder(profile, EncoderOptions(**opts)).encode(doc)
    header = commands.INIT + (commands.CHINESE_ON if opts.get("chinese_mode", True) else b"")
    assert data.startswith(header)
    return data[len(header):]


def test_punctuation_only_line_is_two_byte_gb_codes_not_question_marks():
    w = ChineseTextWriter("gb18030")
    assert w.encode("（，。）") == b"\xa3\xa8\xa3\xac\xa1\xa3\xa3\xa9"
    assert b"?" not in w.encode("、；：“”《》【】……")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_yen_sign_becomes_the_two_byte_fullwidth_yen_in_both_encodings(encoding):
    w = ChineseTextWriter(encoding)
    data = w.encode("¥12.50")
    assert data == b"\xa3\xa412.50"
    assert b"\x81\x30" not in data  # never the 4-byte GB18030 form GBK fonts print as junk


def test_mixed_chinese_latin_digits_punctuation_in_one_run():
    w = ChineseTextWriter("gbk")
    assert w.encode("费用:¥5 (含税)，共2件。OK") == (
        "费用:".encode("gbk") + b"\xa3\xa4" + b"5 (" + "含税".encode("gbk") + b")" + "，共".encode("gbk") + b"2"
        + "件。".encode("gbk") + b"OK")


def test_latin_stays_single_byte_ascii():
    assert ChineseTextWriter("gb18030").encode("WS-2026 No.7") == b"WS-2026 No.7"


def test_gbk_replaces_what_it_cannot_encode_with_a_visible_fullwidth_question_mark():
    w = ChineseTextWriter("gbk")
    assert w.encode("𠀀") == "？".encode("gbk")  # CJK Ext. B: not in GBK
    assert ChineseTextWriter("gb18030").encode("𠀀") == "𠀀".encode("gb18030")


def test_control_characters_are_dropped_so_they_cannot_become_commands():
    assert normalize("A\x1b@B\x1dV\x00C") == "A@BVC"


def test_display_width_counts_chinese_and_fullwidth_as_two():
    assert display_width("办件ab￥1，") == 2 + 2 + 1 + 1 + 2 + 1 + 2


def test_big_title_uses_gs_exclamation_and_resets_afterwards():
    data = body(PrintDocument("t", (Text("办件回执", align="center", bold=True, scale=2), Text("ok"))))
    expected_title = (commands.ALIGN["center"] + commands.BOLD[True] + b"\x1d!\x11" + "办件回执".encode("gb18030")
                      + b"\n")
    assert data.startswith(expected_title)
    rest = data[len(expected_title):]
    assert rest.startswith(commands.ALIGN["left"] + commands.BOLD[False] + b"\x1d!\x00" + b"ok\n")
    assert b"\x1b!" not in data  # ESC ! sizes are ignored by Chinese characters: never used


def test_header_enters_chinese_mode_and_can_leave_it_out():
    doc = PrintDocument("t", (Text("中"),))
    assert EscPosEncoder(P80).encode(doc).startswith(b"\x1b@\x1c&")
    assert not EscPosEncoder(P80, EncoderOptions(chinese_mode=False)).encode(doc).startswith(b"\x1b@\x1c&")


def test_styles_are_sent_only_when_they_change():
    data = body(PrintDocument("t", (Text("一", bold=True), Text("二", bold=True), Text("三"))))
    assert data.count(commands.BOLD[True]) == 1
    assert data.count(commands.BOLD[False]) == 1


def test_cut_only_with_a_cutter_else_feed_past_the_tear_bar():
    doc = PrintDocument("t", (Text("x"),))
    assert EscPosEncoder(P80).encode(doc).endswith(commands.CUT_FEED)
    tail = EscPosEncoder(P58).encode(doc)
    assert b"\x1dV" not in tail and tail.endswith(commands.feed(4))


def test_native_qr_where_the_profile_has_it_raster_where_not():
    doc = PrintDocument("t", (QrCode("https://x.invalid/a"),))
    assert b"\x1d(k" in body(doc, P80) and b"\x1dv0" not in body(doc, P80)
    assert b"\x1d(k" not in body(doc, P58) and b"\x1dv0" in body(doc, P58)


def test_native_qr_command_sequence():
    module = EscPosEncoder(P80).qr_module("ABC")
    expected = (b"\x1d(k\x04\x001A2\x00" + b"\x1d(k\x03\x001C" + bytes([module]) + b"\x1d(k\x03\x001E1"
                + b"\x1d(k\x06\x001P0ABC" + b"\x1d(k\x03\x001Q0")
    assert expected in body(PrintDocument("t", (QrCode("ABC"),)), P80)


def test_rule_fills_exactly_the_paper_width():
    enc = EscPosEncoder(P58)
    assert enc.lines_for(Rule()) == ["-" * 32]
    assert enc.lines_for(Rule("—")) == ["—" * 16]


def test_field_value_wraps_under_itself_without_overflow():
    enc = EscPosEncoder(P58)
    lines = enc.lines_for(Field("事项名称", "城乡居民基本养老保险待遇申领（含一次性补发）"))
    assert lines[0].startswith("事项名称：")
    assert all(display_width(ln) <= 32 for ln in lines)
    assert all(ln.startswith(" " * 10) for ln in lines[1:])
    assert "".join(ln.strip() for ln in lines) == "事项名称：城乡居民基本养老保险待遇申领（含一次性补发）"


def test_centred_titles_are_balanced_instead_of_leaving_one_character_alone():
    lines = EscPosEncoder(P58).lines_for(Text("乌审旗政务服务中心", align="center", scale=2))
    assert len(lines) == 2 and all(len(ln) >= 4 for ln in lines)


def test_wrap_keeps_closing_punctuation_off_the_start_of_a_line():
    lines = wrap("一二三四五六七八九十，好", 20)
    assert lines == ["一二三四五六七八九", "十，好"]


def test_wrap_keeps_latin_words_whole():
    assert wrap("编号 ABCDEFGH 已受理", 12) == ["编号", "ABCDEFGH 已", "受理"]


def test_a_line_too_narrow_for_one_chinese_character_is_refused():
    with pytest.raises(ValueError):
        wrap("中", 1)


TEXT = st.text(alphabet=st.sampled_from(list("办件回执编号事项名称（）《》，。、：；“”！？ ¥￥abcXYZ0123456789-./ ")), max_size=120)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(min_value=2, max_value=48))
def test_wrap_never_overflows_and_loses_no_character(text, width):
    lines = wrap(text, width)
    assert all(display_width(ln) <= width for ln in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@settings(max_examples=200, deadline=None)
@given(TEXT, st.sampled_from(["gbk", "gb18030"]))
def test_every_text_run_decodes_back_to_what_was_meant(text, encoding):
    w = ChineseTextWriter(encoding)
    data = w.encode(text)
    assert data.decode(encoding) == normalize(text, encoding)
    assert all(b >= 0x20 for b in data)  # no byte of a text run can be read as a command
