"""证照打印 follows the printer that prints the copies: the A4 printer where one is installed."""
from kiosk.flows.offered import available_flows


def keys(flows):
    return {f.key for f in flows}


def test_without_an_a4_printer_certificates_need_the_receipt_printer():
    assert "certificates" not in keys(available_flows({"printer"}))
    assert "certificates" in keys(available_flows({"a4printer"}))


def test_with_an_a4_printer_the_receipt_printer_out_leaves_certificates_offered():
    offered = keys(available_flows({"printer"}, a4_installed=True))
    assert "certificates" in offered and "receipts" not in offered
    assert "certificates" not in keys(available_flows({"a4printer"}, a4_installed=True))
