"""SW3 codes -> named outcomes -> typed errors, each with a message in every catalogue."""
from __future__ import annotations

import pytest

from kiosk.devices.idcard import errors
from kiosk.devices.idcard.outcomes import Outcome
from kiosk.devices.idcard.reader import _error_for, format_sam_id
from kiosk.i18n import load_language

DOCUMENTED = {0x90, 0x9F, 0x91, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x37, 0x3F, 0x40, 0x41,
              0x47, 0x60, 0x66, 0x80, 0x81}


def test_every_documented_code_has_a_named_outcome():
    assert {o.value for o in Outcome if o is not Outcome.UNKNOWN_STATUS} == DOCUMENTED
    assert Outcome.of(0x55) is Outcome.UNKNOWN_STATUS
    assert all(o.description for o in Outcome)


@pytest.mark.parametrize("sw3,error", [
    (0x60, errors.SamFault), (0x66, errors.SamFault), (0x47, errors.SamFault),
    (0x41, errors.CardReadFailed), (0x81, errors.CardReadFailed), (0x32, errors.CardReadFailed),
    (0x40, errors.CardNotSupported), (0x21, errors.CommandRejected), (0x10, errors.CommandRejected),
    (0x55, errors.CommandRejected),
])
def test_failures_become_typed_errors(sw3, error):
    exc = _error_for(Outcome.of(sw3), sw3, "read card")
    assert type(exc) is error
    assert f"{sw3:02X}" in str(exc)


def _error_types():
    return [c for c in vars(errors).values()
            if isinstance(c, type) and issubclass(c, errors.ReaderError)]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_error_message_key_is_in_the_catalogue(language):
    catalogue = load_language(language)
    keys = {c.message_key for c in _error_types()} | {"reader.place_card", "reader.take_card", "reader.fallback"}
    assert keys <= set(catalogue)


def test_sam_id_format():
    raw = (5).to_bytes(2, "little") + (1).to_bytes(2, "little") + (20101117).to_bytes(4, "little") \
        + (7411293).to_bytes(4, "little") + (1813110516).to_bytes(4, "little")
    assert format_sam_id(raw) == "05.01-20101117-0007411293-1813110516"
