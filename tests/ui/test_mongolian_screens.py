"""Traditional Mongolian on the screens, offscreen, with CLDR's words and the pseudo-locale
(never hand-written Mongolian): the text layer draws columns where a fixed box holds them and
horizontal lines in the Mongolian face elsewhere, set smaller rather than cut; the home screen
lays its tiles in columns, shows the bilingual tiles, the hall's Mongolian name from [hall],
CLDR's date and the language's own name; the platform is asked in the citizen's language."""
from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.i18n.locale_data import cldr_words, date_text, own_name, weekday_name
from kiosk.i18n.pseudo import PSEUDO_LANGUAGE
from kiosk.i18n.vertical import has_mongolian
from kiosk.platform.models import CHINA_TZ
from kiosk.testing.tour_mongolian import ProofCatalogue, hall_in_cldr_words

pytestmark = pytest.mark.ui

WORDS = cldr_words("mn")
MOMENT = datetime(2026, 11, 25, 10, 30, tzinfo=CHINA_TZ)


@pytest.fixture(scope="module")
def window():
    from kivy.core.window import Window

    from kiosk.ui.fonts import register_fonts
    register_fonts()
    return Window


def test_a_label_whose_height_follows_its_text_draws_mongolian_horizontally_in_its_face(window):
    from kiosk.screens.text import KioskLabel

    text = " ".join(WORDS[1:9])
    label = KioskLabel(text=text, font_size=30, size=(300, 100), columns=True)
    label.texture_update()
    assert not label.in_columns      # the kv rule's height follows the text: no box to hold a column
    laid_out, drawn = label.lines_shown()
    assert laid_out > 1 and drawn == laid_out
    assert label.texture_size[0] <= 300
    assert "NotoSansMongolian" in label._mongolian_core.text     # each Mongolian run in the Mongolian face


def test_a_tall_button_holds_a_column_and_a_low_wide_one_a_line(window):
    from kiosk.screens.text import KioskButton

    tall = KioskButton(text=WORDS[0], font_size=30, size=(120, 400), wrap=False, text_size=(120, 400))
    tall.texture_update()
    assert tall.in_columns and tuple(tall.texture_size) == (0, 0)
    assert len(tall.column_layout.columns) == 1 and not tall.column_layout.split_words
    low = KioskButton(text=WORDS[0], font_size=30, size=(400, 60), wrap=False, text_size=(400, 60))
    low.texture_update()
    assert not low.in_columns and low.texture is not None


def test_mongolian_too_long_for_a_fixed_box_is_set_smaller_and_never_cut(window):
    from kiosk.screens.text import KioskLabel

    from kiosk.screens.vertical_label import horizontal_measure

    text = " ".join(WORDS[1:3])
    width = int(horizontal_measure(40)(text) * 0.85)    # one line at 0.8 of the size, two at full size
    label = KioskLabel(text=text, font_size=40, size=(width, 70), wrap=False, text_size=(width, 70), valign="middle")
    label.texture_update()
    laid_out, drawn = label.lines_shown()
    assert label.mongolian_scale == 0.8 and drawn == laid_out == 1


@pytest.fixture
def pseudo_home(make_kiosk):
    def make(bilingual: bool = False, hall: bool = True):
        name_mn, address_mn = hall_in_cldr_words() if hall else ("", "")
        kiosk = make_kiosk(ui={"allow_exit": False, "width": 1080, "height": 1920, "bilingual_home": bilingual},
                           hall={"name_mn": name_mn, "address_mn": address_mn})
        kiosk.app.now = lambda: MOMENT
        kiosk.services.catalogue = ProofCatalogue(kiosk.services.catalogue)
        kiosk.app.set_language(PSEUDO_LANGUAGE)
        home = kiosk.app.screen_manager.get_screen("home")
        home.refresh_texts()
        kiosk.settle()
        kiosk.pump(6)
        return kiosk, home
    return make


def test_the_home_tiles_stand_in_columns_four_abreast_in_the_pseudo_locale(pseudo_home):
    from kiosk.testing.layout_check import check_layout

    kiosk, home = pseudo_home()
    tiles = list(home.ids.tiles.children)
    assert home.mongolian_tiles and home.ids.tiles.cols == 4
    assert all(has_mongolian(t.title) for t in tiles)
    in_columns = [t for t in tiles if t.in_columns]
    assert in_columns and all(t.label_title == "" and not t.column_problems() for t in in_columns)
    assert check_layout(kiosk.window) == []


def test_the_home_shows_the_hall_in_mongolian_cldrs_date_and_the_other_languages_own_name(pseudo_home):
    kiosk, home = pseudo_home()
    name_mn, address_mn = hall_in_cldr_words()
    assert home.ids.hall_name_mn.text == f"{name_mn}\n{address_mn}" and home.ids.hall_name_mn.height > 0
    assert home.date_text == f"{date_text(MOMENT, 'mn')} {weekday_name(MOMENT, 'mn')}"
    assert home.ids.language_button.text == own_name("zh_CN")     # the button leads back to Chinese
    kiosk.app.set_language("zh_CN")
    kiosk.settle()
    assert home.ids.language_button.text == own_name("en") and home.date_text == "2026年11月25日 星期三"


def test_no_mongolian_line_without_the_bureaus_name(pseudo_home):
    _kiosk, home = pseudo_home(hall=False)
    assert home.ids.hall_name_mn.text == "" and home.ids.hall_name_mn.height == 0


def test_the_bilingual_home_shows_chinese_above_the_mongolian_on_each_tile(pseudo_home):
    from kiosk.i18n import Catalogue
    from kiosk.testing.layout_check import check_layout

    kiosk, home = pseudo_home(bilingual=True)
    chinese = Catalogue("zh_CN")
    for tile in home.ids.tiles.children:
        assert tile.beside_title == chinese.text(tile.flow.title_key) and has_mongolian(tile.title)
        assert tile.label_title == tile.beside_title
        assert (tile.columns_below > 0) == tile.in_columns
    assert check_layout(kiosk.window) == []


def test_the_bilingual_home_stays_chinese_while_the_mongolian_catalogue_has_no_tile_text(make_kiosk):
    kiosk = make_kiosk(ui={"allow_exit": False, "bilingual_home": True})
    home = kiosk.app.screen_manager.get_screen("home")
    kiosk.settle()
    assert all(tile.beside_title == "" and not has_mongolian(tile.title) for tile in home.ids.tiles.children)


def test_the_platform_is_asked_in_the_citizens_language(live_kiosk):
    platform = live_kiosk.services.platform
    assert platform.content_language() == "zh_CN"
    live_kiosk.app.set_language("en")
    assert platform.content_language() == "en"
    live_kiosk.services.catalogue = ProofCatalogue(live_kiosk.services.catalogue)
    live_kiosk.app.set_language(PSEUDO_LANGUAGE)
    assert platform.content_language() == PSEUDO_LANGUAGE


def test_a_button_sized_to_its_text_keeps_to_its_share_of_the_row(window):
    from kivy.uix.boxlayout import BoxLayout

    from kiosk.screens.text import KioskButton, KioskLabel
    from kiosk.screens.vertical_label import horizontal_measure

    texts = [" ".join(WORDS[1:3]), " ".join(WORDS[5:7])]
    share = 0.75 * max(horizontal_measure(30)(t) for t in texts)     # one line fits at 0.7 of the size
    row = BoxLayout(size=(4 * share, 60))     # the title keeps two shares of the row
    row.add_widget(KioskLabel(text=WORDS[0]))
    buttons = [KioskButton(text=t, font_size=30, wrap=False, size_hint_x=None, height=60) for t in texts]
    for button in buttons:
        row.add_widget(button)
    for button in buttons:
        button.texture_update()
        assert button.mongolian_scale < 1
        assert button.texture_size[0] <= share + 1 and button.texture_size[1] <= 60
