"""Card records: every card type from its text block, code tables, check character, masking, wipe."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kiosk.devices.idcard import card as cardmod
from kiosk.devices.idcard.card import (JSON_KEYS, IdentityCard, build_appended_addresses, build_text_block,
                                       load_photo_decoder, parse_appended_addresses, parse_text_block,
                                       register_photo_decoder)
from kiosk.devices.idcard.errors import CardDataError
from kiosk.devices.idcard.tables import NATIONS, id_check_character, id_number_checks

PEOPLE = {p["key"]: p for p in json.loads(
    (Path(__file__).parents[2] / "kiosk/sim/sample_people.json").read_text(encoding="utf-8"))["people"]}


def read(key, **kw) -> IdentityCard:
    return parse_text_block(build_text_block(PEOPLE[key]), **kw)


def test_check_character_example_from_gb11643():
    assert id_check_character("11010519491231002") == "X"
    assert id_number_checks("11010519491231002X")
    assert id_number_checks("11010519491231002x")
    assert not id_number_checks("110105194912310021")
    assert not id_number_checks("1101051949123100")


@pytest.mark.parametrize("key", [k for k, p in PEOPLE.items() if p["card_type"] != "foreign_permanent"
                                 and k != "badcheck"])
def test_sample_numbers_with_check_characters_pass(key):
    assert id_number_checks(PEOPLE[key]["id_number"])


def test_resident_card():
    c = read("bateer")
    assert c.card_type == "resident"
    assert (c.name, c.gender, c.nation, c.birth_date) == ("巴特尔", "男", "蒙古", "1958-03-12")
    assert c.address == "内蒙古自治区鄂尔多斯市乌审旗嘎鲁图镇锡尼路12号"
    assert (c.id_number, c.id_number_valid, c.authority) == ("150626195803123015", True, "乌审旗公安局")
    assert (c.valid_from, c.valid_to) == ("2018-05-20", "长期")
    assert c.english_name is None and c.pass_number is None and c.nationality is None


def test_female_and_dated_validity():
    c = read("wang")
    assert (c.gender, c.nation, c.valid_to) == ("女", "汉", "2036-03-01")


def test_wrong_check_character_is_reported_not_hidden():
    c = read("badcheck")
    assert c.id_number == "150626199002023011"
    assert c.id_number_valid is False


def test_hong_kong_macau_taiwan_residence_permit():
    c = read("chan")
    assert c.card_type == "hmt_residence"
    assert (c.pass_number, c.issue_count, c.nation) == ("H01234567", "01", None)
    assert c.id_number.startswith("8") and c.id_number_valid


def test_foreign_permanent_resident_id():
    c = read("smith")
    assert c.card_type == "foreign_permanent"
    assert (c.name, c.english_name, c.gender, c.nationality) == ("史密斯", "SMITH, JOHN", "男", "USA")
    assert (c.id_number, c.birth_date, c.valid_to) == ("USA150675061001", "1975-06-10", "2025-06-10")
    assert (c.authority_code, c.card_version, c.address, c.nation) == ("1500", "01", None, None)
    assert c.id_number_valid   # shape and embedded birth date agree


def test_foreign_permanent_number_with_wrong_birth_date_is_flagged():
    person = dict(PEOPLE["smith"], id_number="USA150675061101")
    assert parse_text_block(build_text_block(person)).id_number_valid is False


def test_2023_foreign_permanent_resident_id_with_long_english_name():
    long_name = "IVANOVA-PETROVSKAYA, OLGA ALEKSANDROVNA"    # 39 characters: runs into part 2
    c = parse_text_block(build_text_block(dict(PEOPLE["olga"], english_name=long_name)))
    assert c.card_type == "foreign_permanent_2023"
    assert c.english_name == long_name
    assert (c.name, c.gender, c.nationality, c.renewal_count) == ("奥尔加", "女", "RUS", "00")
    assert c.id_number == "915643198002200021" and c.id_number_valid
    assert c.birth_date == "1980-02-20"


def test_unknown_codes_do_not_invent_values():
    c = parse_text_block(build_text_block(dict(PEOPLE["wang"], gender="7", nation="77")))
    assert (c.gender, c.gender_code, c.nation, c.nation_code) == (None, "7", None, "77")


def test_gender_and_nation_tables():
    assert len(NATIONS) == 58 and NATIONS["02"] == "蒙古" and NATIONS["98"] == "外国血统中国籍人士"
    assert parse_text_block(build_text_block(dict(PEOPLE["wang"], gender="9"))).gender == "未说明"
    assert parse_text_block(build_text_block(dict(PEOPLE["wang"], gender="0"))).gender == "未知"


def test_text_block_of_wrong_size_is_a_data_error():
    with pytest.raises(CardDataError):
        parse_text_block(bytes(255))


def test_json_form_has_exactly_the_issue_keys():
    photo = bytes(range(256)) * 4
    c = read("aoyun", photo=photo, appended=("新地址一",))
    d = c.to_json_dict()
    assert tuple(d) == JSON_KEYS
    assert d["appended_addresses"] == ["新地址一"]
    assert d["photo_wlt_sha256"] == hashlib.sha256(photo).hexdigest()
    json.dumps(d, ensure_ascii=False)


def test_no_photo_gives_null_hash():
    assert read("aoyun").to_json_dict()["photo_wlt_sha256"] is None


def test_masked_forms_and_repr_hide_personal_data():
    from kiosk.masking import display_identity
    c = read("aoyun")
    assert display_identity(c).name == "敖***格"
    assert display_identity(c).id_number == "150626********1511"
    assert "敖云毕力格" not in repr(c) and "150626200109151511" not in repr(c)
    assert "图克镇" not in repr(c)


def test_wipe_zeroes_photo_and_fingerprint():
    c = read("aoyun", photo=b"\x01" * 1024, fingerprint=b"\x02" * 1024)
    c.wipe()
    assert not any(c.photo_wlt) and not any(c.fingerprint)
    assert c.photo_wlt_sha256 is None


def test_photo_is_never_decoded_without_a_vendor_decoder():
    c = read("aoyun", photo=b"\x05" * 1024)
    register_photo_decoder(None)
    assert c.decode_photo() is None
    seen = []
    register_photo_decoder(lambda wlt: seen.append(wlt) or b"BMP")
    try:
        assert c.decode_photo() == b"BMP" and seen == [b"\x05" * 1024]
    finally:
        register_photo_decoder(None)


def test_photo_decoder_from_configuration_text():
    assert load_photo_decoder("") is None
    assert load_photo_decoder("hashlib:sha256") is hashlib.sha256
    with pytest.raises(ValueError):
        load_photo_decoder("no_colon")


def test_appended_addresses_round_trip_and_skip_blank_slots():
    data = build_appended_addresses(["乌审旗嘎鲁图镇新区", ""]) + build_appended_addresses(["图克镇"])
    assert parse_appended_addresses(data) == ("乌审旗嘎鲁图镇新区", "图克镇")


def test_every_card_type_has_a_layout_that_fits_the_block():
    for layout in cardmod.LAYOUTS.values():
        assert all(off + size <= 256 and size % 2 == 0 for off, size in layout.values())
