"""Which languages and texts the screens treat as Mongolian script, and which language the
platform simulator answers in. Mongolian here is CLDR's (kiosk.i18n.locale_data) or code points."""
from __future__ import annotations

from kiosk.i18n.locale_data import cldr_words
from kiosk.i18n.pseudo import PSEUDO_LANGUAGE
from kiosk.i18n.vertical import has_mongolian, writes_mongolian
from kiosk.sim.platform_languages import CHINESE, answer_language, in_language


def test_mongolian_script_languages_are_mn_and_the_pseudo_locale():
    assert writes_mongolian("mn") and writes_mongolian(PSEUDO_LANGUAGE)
    assert not writes_mongolian("zh_CN") and not writes_mongolian("en")


def test_a_text_is_mongolian_when_it_holds_a_mongolian_letter():
    assert all(has_mongolian(word) for word in cldr_words("mn"))
    assert has_mongolian("[" + cldr_words("mn")[0] + " 12]")
    assert not has_mongolian("乌审旗政务服务中心") and not has_mongolian("Үүшин") and not has_mongolian("")
    assert not has_mongolian("\u180e\u202f")     # a vowel separator and a narrow space are no letters


def test_the_simulator_answers_the_pseudo_locale_only_when_it_is_asked_first():
    assert answer_language("x-mn-pseudo, zh-CN;q=0.5") == PSEUDO_LANGUAGE
    assert answer_language("X-MN-PSEUDO") == PSEUDO_LANGUAGE
    assert answer_language("zh-CN, x-mn-pseudo;q=0.5") == CHINESE
    assert answer_language("mn-Mong-CN, zh-CN;q=0.5") == CHINESE     # no translation: its Chinese
    assert answer_language("") == CHINESE


def test_only_the_platforms_texts_change_and_the_data_is_left_alone():
    options = {"version": "v1", "levels": [{"name": "满意", "code": "2", "bad": False,
                                            "reasons": [{"code": "201", "text": "服务态度好"}],
                                            "phrases": [{"code": "P1", "text": "一次办好"}]}]}
    pseudo = in_language("rating_options.get", options, PSEUDO_LANGUAGE)
    level = pseudo["levels"][0]
    assert level["name"] == "满意" and level["code"] == "2" and level["phrases"][0]["text"] == "一次办好"
    assert has_mongolian(level["reasons"][0]["text"])
    assert options["levels"][0]["reasons"][0]["text"] == "服务态度好"       # a copy was changed
    assert in_language("rating_options.get", options, CHINESE) is options
    assert in_language("certificates.query", {"name": "营业执照"}, PSEUDO_LANGUAGE) == {"name": "营业执照"}
