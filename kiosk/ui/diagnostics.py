"""The app's side of diagnostics (mixed into KioskApp): the health reporter's out-of-order news
reaches the home screen's tiles and banner; the hidden entry (five taps on the hall name within
three seconds, then the PIN), the audit log, reloading the configuration, leaving and quitting.
"""
from __future__ import annotations

import logging
from dataclasses import replace

from ..services.diagnostics.gesture import SecretTaps
from ..services.idle import idle_limits

log = logging.getLogger(__name__)

HEALTH_PARTS = ("reader", "printer", "a4printer", "platform")


class DiagnosticsMode:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._secret_taps = SecretTaps()

    # health -> home banner ----------------------------------------------------------------------
    def attach_health(self, health) -> None:
        """Called once the parts are up: listen to the health reporter."""
        health.on_change = self.health_changed

    def health_changed(self, out_of_order: set[str]) -> None:
        """From the health reporter (UI thread): its view of each citizen-facing part. A part stays
        out of order while any other source (reader events, a failed print) still says so."""
        for part in HEALTH_PARTS:
            self.set_out_of_order(part, part in out_of_order, source="health")

    def platform_changed(self, state) -> None:
        """From the platform status (UI thread): every call's outcome and the recovery probe's.
        Back online, a health round runs at once, so the health reporter's older view of the
        platform does not hold the tiles and the banner until its next heartbeat."""
        self.set_out_of_order("platform", bool(state.offline), source="platform calls")
        health = self.services.health
        if state.online and health is not None and "platform" in (health.out_of_order or ()):
            health.check_now()

    # entry ------------------------------------------------------------------------------------
    @property
    def diag_audit(self):
        from ..services.diagnostics.audit import AuditLog  # loaded when a technician comes, not at start-up
        return AuditLog(self.services.config.logging.dir)

    def diag_gate(self):
        from ..services.diagnostics.pin import gate_for
        return gate_for(self.services.config, clock=lambda: self.now().timestamp())

    def secret_tap(self) -> None:
        """A tap on the hall name; the fifth within three seconds opens the PIN pad."""
        if self._secret_taps.tap():
            self.open_diagnostics()

    def open_diagnostics(self) -> None:
        self.diag_audit.record("entry", "pin requested")
        self.go("diag_pin")

    def leave_diagnostics(self, reason: str = "technician") -> None:
        self.diag_audit.record("leave", reason)
        self.end_session()

    def quit_from_diagnostics(self) -> bool:
        if not self.services.config.diagnostics.allow_quit:
            self.diag_audit.record("quit", "refused", "[diagnostics] allow_quit = false")
            return False
        self.diag_audit.record("quit", "ok")
        self.stop()
        return True

    def reload_configuration(self) -> tuple[bool, str]:
        """Reads the configuration file again. What the app reads live (texts, timeouts, PIN,
        diagnostics) applies at once; devices and the platform keep theirs until a restart."""
        from ..config import ConfigError, load_config

        source = self.services.config.source
        try:
            config = load_config(source)
        except ConfigError as exc:
            self.diag_audit.record("reload configuration", "failed", str(exc))
            return False, str(exc)
        # Paths for data and logs stay: the running parts have their files open there. So do the
        # devices' and the platform's settings, which the running drivers were built from.
        running = self.services.config
        config = replace(config, storage=running.storage, logging=running.logging, reader=running.reader,
                         printer=running.printer, a4printer=running.a4printer, platform=running.platform)
        self.services.config = config
        self.services.idle.set_limits(*idle_limits(config.ui, self.elder))
        health = self.services.health
        if health is not None:
            health.ctx.config = config
        self.refresh_flows()
        self.diag_audit.record("reload configuration", "ok", str(source))
        return True, str(source)
