"""The tour's 长辈模式 states the main walks do not reach: English with 长辈模式 (the home, the
status list and detail, the rating levels) and the 办件编号 keypads in 长辈模式 (Chinese). English
runs longer than Chinese, and 长辈模式 sets every text and target larger: together they are the
tightest fit of the tiles, the actions and the keys.

States (files): en-elder-home, en-elder-status-list, en-elder-status-detail,
en-elder-rating-levels, elder-status-keypad, elder-status-keypad-invalid, elder-rating-keypad.
"""
from __future__ import annotations

RECEIPT_NUMBER = "150626-20261125-000123"


def elder_extra_walk(tour) -> None:
    from .tour import SHORT_NUMBER     # (here: tour.py imports this module)

    app = tour.app

    def elder(language: str) -> None:
        # each session's end restores Chinese without 长辈模式: set both again for every walk
        if app.lang != language:
            app.set_language(language)
        if not app.elder:
            app.toggle_elder()
        tour.kiosk.settle()

    elder("en")
    app.go_home()
    tour.kiosk.settle()
    tour.shot("en-elder-home")

    elder("en")
    tour.tile("status")
    tour.place("bateer")
    tour.identified()
    tour.wait_for_screen("status_list")
    rows = tour.screens.get_screen("status_list").ids.rows
    tour.wait(lambda: len(rows.children) > 0, "the applications")
    tour.shot("en-elder-status-list")
    overdue = next((r for r in rows.children if r.overdue), rows.children[-1])
    tour.tap(overdue)
    tour.shot("en-elder-status-detail")
    tour.end()

    elder("en")
    tour.tile("rating")
    tour.place("olga")      # a citizen no walk before has rated (一次一评)
    tour.wait_for_screen("rating_pick")
    rows = tour.screen.ids.rows
    tour.wait(lambda: len(rows.children) > 0, "the applications to rate")
    tour.tap(rows.children[-1])
    tour.shot("en-elder-rating-levels")
    tour.end()

    elder("zh_CN")
    tour.tile("status")
    tour.tap(tour.screen.ids.keypad_button)
    keypad = tour.screen
    tour.retype(keypad, RECEIPT_NUMBER)
    tour.shot("elder-status-keypad")
    tour.retype(keypad, SHORT_NUMBER)
    tour.tap(keypad.ids.search)
    tour.wait(lambda: keypad.message != "", "the keypad's message")
    tour.shot("elder-status-keypad-invalid")
    tour.end()

    elder("zh_CN")
    tour.rating_by_number("elder-")
