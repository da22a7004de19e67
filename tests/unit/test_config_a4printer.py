"""[a4printer]: a real A4 printer needs an IPP address or a CUPS queue; the example's address,
an empty one or a malformed one is refused in one line; the embedded default simulates it."""
from __future__ import annotations

import pytest

from kiosk.config import load_config
from kiosk.paths import DEFAULT_CONFIG
from tests.unit.test_config_in_service import example_text, load, refused

EXAMPLE_URI = 'uri = "ipp://127.0.0.1:60000/ipp/print"'


def test_the_embedded_default_has_a_simulated_a4_printer():
    a4 = load_config(DEFAULT_CONFIG).a4printer
    assert a4.installed and a4.simulated and a4.uri == ""


def test_the_filled_in_example_names_a_real_a4_printer(tmp_path):
    a4 = load(tmp_path, example_text()).a4printer
    assert a4.installed and not a4.simulated and a4.uri.startswith("ipp://")


@pytest.mark.parametrize("uri", ["kiosk-a4", "ipps://printer.example.invalid/ipp/print",
                                 "ipp://localhost:60000/ipp/print"])
def test_an_ipp_address_or_a_cups_queue_name_is_taken(tmp_path, uri):
    assert load(tmp_path, example_text().replace(EXAMPLE_URI, f'uri = "{uri}"')).a4printer.uri == uri


def test_a_real_a4_printer_without_an_address_is_refused(tmp_path):
    message = refused(tmp_path, example_text().replace(EXAMPLE_URI, 'uri = ""'))
    assert "a4printer.uri is empty" in message and "kiosk-a4" in message and "installed = false" in message


def test_the_examples_documentation_address_is_refused(tmp_path):
    text = example_text().replace(EXAMPLE_URI, 'uri = "ipp://192.0.2.60/ipp/print"')
    assert "documentation address" in refused(tmp_path, text)


@pytest.mark.parametrize("uri", ["http://printer/ipp/print", "kiosk a4", "/dev/usb/lp0"])
def test_a_uri_that_is_neither_ipp_nor_a_queue_name_is_refused(tmp_path, uri):
    assert "a4printer.uri" in refused(tmp_path, example_text().replace(EXAMPLE_URI, f'uri = "{uri}"'))


def test_a_terminal_without_an_a4_printer_needs_no_address(tmp_path):
    text = example_text().replace("installed = true ", "installed = false ").replace(EXAMPLE_URI, 'uri = ""')
    assert not load(tmp_path, text).a4printer.installed


def test_contradicting_a4_timeouts_are_refused_naming_both_keys(tmp_path):
    text = example_text().replace("job_timeout_s = 120", "job_timeout_s = 5")
    message = refused(tmp_path, text)
    assert "a4printer.request_timeout_s = 10" in message and "a4printer.job_timeout_s = 5" in message
