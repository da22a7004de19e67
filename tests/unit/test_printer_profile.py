"""Printer profiles backed by python-escpos' printer database."""
from __future__ import annotations

import pytest

from kiosk.config.printer import PrinterSettings
from kiosk.devices.printer.errors import PrinterConfigError
from kiosk.devices.printer.profile import PrinterProfile


def test_tm_t88iii_is_80mm_512_dots_42_columns_with_qr_and_cutter():
    p = PrinterProfile.from_escpos("TM-T88III", 80)
    assert (p.paper_width_mm, p.dots, p.columns, p.native_qr, p.cutter) == (80, 512, 42, True, True)


def test_pos_5890_is_58mm_384_dots_32_columns_without_qr_or_cutter():
    p = PrinterProfile.from_escpos("POS-5890", 58)
    assert (p.paper_width_mm, p.dots, p.columns, p.native_qr, p.cutter) == (58, 384, 32, False, False)


def test_58mm_paper_in_an_80mm_head_uses_the_paper_width():
    p = PrinterProfile.from_escpos("TM-T88III", 58)
    assert (p.dots, p.columns, p.native_qr) == (384, 32, True)


def test_settings_can_force_raster_qr_and_no_cutter():
    p = PrinterProfile.from_settings(PrinterSettings(profile="TM-T88III", qr_mode="raster", cutter="no"))
    assert not p.native_qr and not p.cutter


def test_unknown_profile_is_a_config_error_with_a_message_key():
    with pytest.raises(PrinterConfigError) as e:
        PrinterProfile.from_escpos("NO-SUCH-PRINTER", 80)
    assert e.value.message_key == "printer.error.config"
