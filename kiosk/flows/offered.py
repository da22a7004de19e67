"""The citizen flows the home screen offers. A flow is listed here only once it is built,
so the home screen never shows a tile that leads nowhere. `needs` names the parts a flow
cannot work without (reader, printer, platform, ratings: the 好差评 store); when one is out of order the home screen
hides the tile and the banner names the fallback."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Flow:
    key: str
    title_key: str          # message key of the tile's title
    subtitle_key: str       # message key of the tile's one-line explanation
    screen: str             # name of the first screen of the flow (after identify, when it identifies)
    needs: frozenset[str] = frozenset()
    identify: bool = False  # starts with "place your ID card"
    keypad_screen: str = "" # the other way in, when a typed 办件编号 will do


# The printer of certificate copies: the A4 printer on a terminal that has one (a copy anyone can
# hand in, kiosk/flows/a4.py), else the receipt printer's 仅供查验 slip.
COPY_PRINTER = "copy printer"


# In home-screen order (product.md): 办件进度查询, 证照打印, 回执打印, 好差评, 办事指南, 手机办/蒙速办, 求助/帮您办.
FLOWS: tuple[Flow, ...] = (
    Flow("status", "flow.status.title", "flow.status.subtitle", "status_list", frozenset({"platform"}),
         identify=True, keypad_screen="status_keypad"),
    Flow("certificates", "flow.certificates.title", "flow.certificates.subtitle", "cert_list",
         frozenset({"reader", "platform", COPY_PRINTER}), identify=True),
    # 回执打印 is the same lookup as 办件进度查询, for the citizen who came for the receipt.
    Flow("receipts", "flow.receipts.title", "flow.receipts.subtitle", "status_list",
         frozenset({"platform", "printer"}), identify=True, keypad_screen="status_keypad"),
    # 好差评 is real-name (the card), but stores offline: it needs the reader and its own store,
    # not the platform.
    Flow("rating", "flow.rating.title", "flow.rating.subtitle", "rating_pick", frozenset({"reader", "ratings"}),
         identify=True, keypad_screen="rating_keypad"),
    Flow("guide", "flow.guide.title", "flow.guide.subtitle", "guide_home", frozenset({"platform"})),
    Flow("mobile", "flow.mobile.title", "flow.mobile.subtitle", "mobile"),
    Flow("help", "flow.help.title", "flow.help.subtitle", "help"),
)


def available_flows(out_of_order: set[str] | frozenset[str] = frozenset(), *, a4_installed: bool = False) -> list[Flow]:
    """The flows whose needs are all working."""
    part = {COPY_PRINTER: "a4printer" if a4_installed else "printer"}
    return [f for f in FLOWS if not ({part.get(n, n) for n in f.needs} & set(out_of_order))]
