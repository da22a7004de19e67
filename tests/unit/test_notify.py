"""kiosk.notify speaks sd_notify to a real AF_UNIX datagram socket, as systemd listens."""
from __future__ import annotations

import socket
import threading

import pytest

from kiosk.notify import Notifier
from tests.notify_listener import NotifyListener


@pytest.fixture
def listener():
    found = NotifyListener()
    yield found
    found.close()


def test_ready_and_status_reach_the_socket_named_in_notify_socket(listener):
    notifier = Notifier(listener.env())
    assert notifier.enabled
    assert notifier.ready("serving")
    (message,) = listener.collect(0.5)
    assert message.fields == {"READY": "1", "STATUS": "serving"}


def test_an_abstract_socket_name_starting_with_at_is_reached():
    listener = NotifyListener(abstract=True)
    try:
        assert listener.name.startswith("@")
        assert Notifier(listener.env()).ping("all parts in order")
        (message,) = listener.collect(0.5)
        assert message.fields == {"WATCHDOG": "1", "STATUS": "all parts in order"}
    finally:
        listener.close()


def test_without_notify_socket_nothing_is_sent_and_nothing_fails():
    notifier = Notifier({})
    assert not notifier.enabled
    assert notifier.watchdog_interval_s is None
    assert notifier.ready("x") is False and notifier.ping() is False and notifier.stopping() is False


@pytest.mark.parametrize("usec, interval", [("30000000", 15.0), ("500000", 0.25), ("0", None), ("", None),
                                            ("soon", None), ("-5", None)])
def test_the_ping_interval_is_half_of_watchdog_usec(usec, interval):
    assert Notifier({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": usec}).watchdog_interval_s == interval


def test_a_manager_that_is_gone_costs_one_false_not_an_exception(listener):
    notifier = Notifier(listener.env())
    listener.close()                       # the socket file is removed: nobody listens
    assert notifier.ready() is False
    assert notifier.ping() is False


def test_a_manager_that_does_not_read_never_blocks_the_sender():
    """A full receive queue drops the notification; the UI thread that pings must never wait."""
    listener = NotifyListener()
    listener.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    notifier = Notifier(listener.env())
    results: list[bool] = []
    sender = threading.Thread(target=lambda: results.extend(notifier.ping("x" * 512) for _ in range(2000)),
                              daemon=True)
    try:
        sender.start()
        sender.join(5.0)
        assert not sender.is_alive(), "a ping waited for the manager to read"
        assert results[0] is True and False in results      # the queue filled, and sending went on
    finally:
        listener.close()


def test_a_socket_kind_it_does_not_speak_is_left_alone():
    notifier = Notifier({"NOTIFY_SOCKET": "vsock:2:1234"})
    assert not notifier.enabled and notifier.ready() is False
