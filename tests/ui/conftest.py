"""Headless UI fixtures: the real app, offscreen, with a hand-moved idle clock."""
from __future__ import annotations

import pytest

from kiosk.testing.clock import ManualClock
from tests.conftest import config_with


@pytest.fixture
def clock():
    return ManualClock()


@pytest.fixture
def make_kiosk(default_config, clock):
    """make_kiosk(ui={...}) -> a started HeadlessKiosk; closed after the test. With
    start_devices=True its parts start too (the virtual reader, printers and platform)."""
    from kiosk.testing.harness import HeadlessKiosk

    started = []

    def make(start_devices: bool = False, **sections):
        kiosk = HeadlessKiosk(config_with(default_config, **sections), clock=clock, start_devices=start_devices)
        started.append(kiosk)
        return kiosk

    yield make
    for kiosk in started:
        kiosk.close()


@pytest.fixture
def kiosk(make_kiosk):
    return make_kiosk(ui={"allow_exit": False})


@pytest.fixture
def live_kiosk(default_config, clock):
    """The app with every part started as in the embedded default (virtual reader on a pty,
    virtual printer on TCP, platform simulator over HTTP), short platform timeouts, exit disabled."""
    yield from _live_kiosk(default_config, clock)


@pytest.fixture
def live_kiosk_without_a4(default_config, clock):
    """live_kiosk on a terminal without an A4 printer ([a4printer] installed = false): receipts
    and the certificate's 仅供查验 slip go to the receipt printer without a choice of paper."""
    yield from _live_kiosk(config_with(default_config, a4printer={"installed": False}), clock)


def _live_kiosk(default_config, clock):
    from kiosk.testing.harness import HeadlessKiosk

    config = config_with(default_config, ui={"allow_exit": False},
                         platform={"read_timeout_s": 1.0, "connect_timeout_s": 0.5, "retries": 0})
    kiosk = HeadlessKiosk(config, clock=clock, start_devices=True)
    assert not kiosk.services.parts.problems, kiosk.services.parts.problems
    yield kiosk
    kiosk.close()


@pytest.fixture
def bare_stage(kiosk):
    """(kiosk, a bare FloatLayout in the running app's window in place of the screens): checks of
    widgets built to have a defect put them on it."""
    from kivy.uix.floatlayout import FloatLayout

    root = kiosk.app.root
    kiosk.window.remove_widget(root)
    stage = FloatLayout()
    kiosk.window.add_widget(stage)
    yield kiosk, stage
    kiosk.window.remove_widget(stage)
    kiosk.window.add_widget(root)
