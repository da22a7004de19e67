"""The platform simulator's printable copy of an e-certificate, as a PDF: what the simulator hands
out through the contract's certificates.copy operation (POST /certificates/{id}/copy), and what
the command line's samples print.

Laid out the way a platform lays out its own copies, not the way the kiosk lays out its papers:
the certificate's face with its fields and the issuer's seal on page 1, the certificate's record
(identifier, type, issuer, validity, how to verify) on page 2, the bottom 25 mm of each page left
free for the terminal's footer. The holder's name is in full: only the holder gets this copy.

    pdf = certificate_pdf(print_data)                  # a dict as platform_data's print_data_by_id holds
    pdf = sample_certificate_pdf()                     # the first sample person's first certificate
"""
from __future__ import annotations

import math
from datetime import date

from fpdf.enums import WrapMode, XPos, YPos

from ..devices.a4printer.pdf_tools import FONT, draw_qr, new_pdf
from .platform_data import build_dataset, load_people

SAMPLE_DAY = date(2026, 11, 25)
W, H, SIDE, FREE_BOTTOM = 210.0, 297.0, 22.0, 25.0
RED = (200, 30, 30)


def certificate_pdf(data: dict) -> bytes:
    pdf = new_pdf()
    pdf.set_title(data["type_name"])
    pdf.set_creator("一网办 platform simulator")
    _face(pdf, data)
    _record(pdf, data)
    return bytes(pdf.output())


def _face(pdf, data: dict) -> None:
    pdf.add_page()
    pdf.set_draw_color(*RED)
    pdf.set_line_width(1.2)
    pdf.rect(SIDE - 8, 14, W - 2 * SIDE + 16, H - 14 - FREE_BOTTOM - 4)
    pdf.set_line_width(0.3)
    pdf.rect(SIDE - 6, 16, W - 2 * SIDE + 12, H - 18 - FREE_BOTTOM - 4)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, size=11)
    pdf.set_xy(SIDE, 22)
    pdf.cell(W - 2 * SIDE, 6, f"编号：{data['number']}", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=30)
    pdf.set_xy(SIDE, 36)
    pdf.cell(W - 2 * SIDE, 18, data["type_name"], align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=12)
    pdf.set_x(SIDE)
    pdf.cell(W - 2 * SIDE, 8, "（电子证照）", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    y = 72.0
    for field in data["fields"]:
        pdf.set_font(FONT, size=12.5)
        pdf.set_xy(SIDE + 6, y)
        pdf.cell(40, 9, field["label"], align="L")
        pdf.set_xy(SIDE + 48, y)
        pdf.multi_cell(W - 2 * SIDE - 54, 9, field["value"], wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN,
                       new_y=YPos.NEXT)
        y = max(pdf.get_y(), y + 9) + 3
    pdf.set_font(FONT, size=12.5)
    pdf.set_xy(SIDE + 6, y + 4)
    pdf.cell(40, 9, "持证人")
    pdf.set_xy(SIDE + 48, y + 4)
    pdf.cell(80, 9, f"{data['holder_name']}（{data['holder_id_masked']}）")
    bottom = H - FREE_BOTTOM - 16
    _seal(pdf, W - SIDE - 42, bottom - 40, data["issuer"])
    pdf.set_font(FONT, size=12.5)
    pdf.set_xy(SIDE, bottom - 20)
    pdf.cell(W - 2 * SIDE - 10, 8, f"发证机关：{data['issuer']}", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_x(SIDE)
    issued = date.fromisoformat(data["issued_on"])
    pdf.cell(W - 2 * SIDE - 10, 8, f"{issued:%Y年%m月%d日}", align="R")


def _seal(pdf, cx: float, cy: float, issuer: str) -> None:
    """A red ring with a star and the issuer's name on its arc: the issuer's e-seal, drawn."""
    r = 19.0
    pdf.set_draw_color(*RED)
    pdf.set_fill_color(*RED)
    pdf.set_line_width(1.0)
    pdf.ellipse(cx - r, cy - r, 2 * r, 2 * r)
    star = []
    for i in range(10):
        radius = 6.0 if i % 2 == 0 else 2.4
        angle = -math.pi / 2 + i * math.pi / 5
        star.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    pdf.polygon(star, style="F")
    pdf.set_text_color(*RED)
    pdf.set_font(FONT, size=7.5)
    chars = list(issuer)
    span = math.radians(220)
    for i, ch in enumerate(chars):
        angle = math.pi + (math.pi - span) / 2 + span * (i + 0.5) / len(chars)
        x, y = cx + (r - 4.5) * math.cos(angle), cy + (r - 4.5) * math.sin(angle)
        with pdf.rotation(-math.degrees(angle) - 90, x, y):
            pdf.set_xy(x - 2, y - 2)
            pdf.cell(4, 4, ch, align="C")
    pdf.set_text_color(0, 0, 0)


def _record(pdf, data: dict) -> None:
    pdf.add_page()
    pdf.set_font(FONT, size=18)
    pdf.set_xy(SIDE, 24)
    pdf.cell(W - 2 * SIDE, 12, "电子证照信息", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    rows = [("证照标识", data["certificate_id"]), ("证照类型", data["type_name"]), ("证照编号", data["number"]),
            ("持证人", data["holder_name"]), ("发证机关", data["issuer"]), ("颁发日期", data["issued_on"]),
            ("有效期至", data.get("valid_until") or "长期"), ("核验码", data["verification_code"])]
    y = 48.0
    pdf.set_line_width(0.2)
    pdf.set_draw_color(0, 0, 0)
    for label, value in rows:
        pdf.set_font(FONT, size=11.5)
        pdf.rect(SIDE, y, 40, 10)
        pdf.rect(SIDE + 40, y, W - 2 * SIDE - 40, 10)
        pdf.set_xy(SIDE, y + 1.5)
        pdf.cell(40, 7, label, align="C")
        pdf.set_xy(SIDE + 43, y + 1.5)
        pdf.cell(W - 2 * SIDE - 46, 7, value)
        y += 10
    draw_qr(pdf, data["verification_url"], SIDE, y + 10, 36)
    pdf.set_font(FONT, size=11)
    pdf.set_xy(SIDE + 42, y + 16)
    pdf.multi_cell(W - 2 * SIDE - 42, 7, "本电子证照可通过扫描二维码，或在一网办平台输入核验码，进行网上验证核对。",
                   wrapmode=WrapMode.CHAR)


def sample_print_data(index: int = 0) -> dict:
    """The print data of one certificate of the sample people (fixed day, so always the same)."""
    dataset = build_dataset(SAMPLE_DAY, load_people())
    return list(dataset.print_data_by_id.values())[index]


def sample_certificate_pdf(index: int = 0) -> bytes:
    return certificate_pdf(sample_print_data(index))
