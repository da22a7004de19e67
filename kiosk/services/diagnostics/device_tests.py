"""The two device tests a technician runs: a test page on the printer, and a card read that
shows masked fields only (the full record never leaves this function)."""
from __future__ import annotations

from datetime import datetime

from ...devices.printer.document import Field, Feed, PrintDocument, Rule, Text
from ...masking import display_identity


def test_page(terminal_id: str, hall_name: str, version: str, when: datetime | None = None) -> PrintDocument:
    when = when or datetime.now()
    blocks = (Text("打印测试页", align="center", bold=True, scale=2), Rule(),
              Text("中文 ABC 123 —— 政务服务", align="center"),
              Field("终端", terminal_id), Field("大厅", hall_name), Field("版本", version),
              Field("时间", when.strftime("%Y-%m-%d %H:%M:%S")), Rule(),
              Text("如能看清本页文字并已自动切纸，打印机正常。", align="left"), Feed(2))
    return PrintDocument(kind="test", blocks=blocks, summary="diagnostics test page")


def masked_card_fields(card) -> list[tuple[str, str]]:
    """(label, masked value) of an IdentityCard; address and photo are never shown in clear."""
    shown = display_identity(card)
    rows = [("card_type", card.card_type or ""), ("name", shown.name), ("id_number", shown.id_number),
            ("id_number_valid", "yes" if card.id_number_valid else "NO"),
            ("photo_bytes", str(len(card.photo_wlt))), ("appended_addresses", str(len(card.appended_addresses)))]
    return rows
