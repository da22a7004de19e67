"""The citizen session keeps what flows learn and leaves nothing behind when wiped."""
from kiosk.logs import PersonalValues
from kiosk.session import CitizenSession


class Card:
    def __init__(self):
        self.photo = bytearray(b"\x01" * 1024)
        self.wiped = False

    def wipe(self):
        self.wiped = True
        self.photo[:] = bytes(len(self.photo))


def test_wipe_drops_everything_and_tells_listeners():
    registry = PersonalValues()
    session = CitizenSession(registry)
    card = Card()
    buffer = bytearray(b"secret")
    calls = []
    session.on_wipe(lambda: calls.append("wiped"))
    session.put("identity", card, personal=("巴特尔", "150626195803123015"))
    session.put("raw", buffer)
    session.put("applications", [Card()])
    number = session.number
    assert not session.is_empty and set(registry.snapshot()) == {"巴特尔", "150626195803123015"}

    session.wipe()

    assert session.is_empty and session.get("identity") is None and session.keys() == []
    assert card.wiped and card.photo == bytearray(1024)
    assert buffer == bytearray(6)
    assert registry.snapshot() == ()
    assert calls == ["wiped"]
    assert session.number != number
