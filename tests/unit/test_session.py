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
    session.identity = card
    session.remember_personal("巴特尔", "150626195803123015")
    session.applications = [Card(), buffer]
    number = session.number
    assert not session.is_empty and set(registry.snapshot()) == {"巴特尔", "150626195803123015"}

    session.wipe()

    assert session.is_empty and session.identity is None and session.applications is None
    assert card.wiped and card.photo == bytearray(1024)
    assert buffer == bytearray(6)
    assert registry.snapshot() == ()
    assert calls == ["wiped"]
    assert session.number != number


def test_a_misspelt_field_is_an_error_not_a_silent_none():
    session = CitizenSession(PersonalValues())
    try:
        session.identiy = "x"   # noqa: typo on purpose
    except AttributeError:
        pass
    else:
        raise AssertionError("a field the session does not declare was accepted")
    assert session.is_empty


def test_a_new_card_wipes_the_previous_one_and_registers_its_values():
    registry = PersonalValues()
    session = CitizenSession(registry)

    class IdCard(Card):
        def __init__(self, name, number):
            super().__init__()
            self.name, self.english_name, self.id_number, self.address = name, "", number, ""
            self.appended_addresses = ()

    first, second = IdCard("巴特尔", "150626195803123015"), IdCard("王淑芬", "150626196501012345")
    session.set_identity(first)
    session.set_identity(second)
    assert first.wiped and session.identity is second
    assert {"王淑芬", "150626196501012345"} <= set(registry.snapshot())
