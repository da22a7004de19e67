"""运维诊断 entry: the PIN pad behind the hidden gesture (five taps on the hall name within three
seconds, see kiosk.ui.diagnostics). The PIN is checked against [diagnostics] pin_hash off the UI
thread (scrypt is deliberately slow); five wrong PINs lock the entry, longer each time, also across
a restart, and an attempt that cannot be counted is refused (kiosk.services.diagnostics.pin.PinGate,
which also writes every attempt to the audit log)."""
from __future__ import annotations

from datetime import datetime

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from ..services.diagnostics.pin import MAX_DIGITS
from .widgets import KioskScreen


class DiagPinScreen(KioskScreen):
    pin = StringProperty("")
    message = StringProperty("")
    locked = BooleanProperty(False)
    busy = BooleanProperty(False)

    def on_pre_enter(self, *_args) -> None:
        self.pin = ""
        self._show_gate_state()

    def _show_gate_state(self) -> None:
        app = App.get_running_app()
        gate = app.diag_gate()
        until = gate.locked_until()
        self.locked = bool(until) or not gate.pin_hash
        if not gate.pin_hash:
            self.message = app.t("diag.pin.not_set")
        elif until:
            self.message = app.t("diag.pin.locked", until=f"{datetime.fromtimestamp(until, app.now().tzinfo):%H:%M}")
        else:
            self.message = ""

    def press(self, key: str) -> None:
        if key == "del":
            self.pin = self.pin[:-1]
        elif key == "clear":
            self.pin = ""
        elif key.isdigit() and len(self.pin) < MAX_DIGITS:
            self.pin += key

    def submit(self) -> None:
        if self.busy or self.locked or not self.pin:
            return
        app = App.get_running_app()
        gate, pin = app.diag_gate(), self.pin
        self.pin = ""
        self.busy = True
        app.services.work.submit(lambda job: gate.attempt(pin), name="diagnostics PIN", timeout=10,
                                 scope="diag", on_result=self._answered, on_error=self._failed)

    def _answered(self, attempt) -> None:
        app = App.get_running_app()
        self.busy = False
        if attempt.outcome == "ok":
            self.message = ""
            app.go("diag_checks")
        elif attempt.outcome == "wrong":
            self.message = app.t("diag.pin.wrong", tries=attempt.tries_left)
        elif attempt.outcome == "cannot_record":
            self.locked = True          # until the pad is opened again
            self.message = app.t("diag.pin.cannot_record")
        else:
            self._show_gate_state()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.message = str(error)

    def reset(self) -> None:
        self.pin = ""
        self.message = ""
        self.busy = False
