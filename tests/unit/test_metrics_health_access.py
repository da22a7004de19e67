"""/health is answered to this machine only, whatever address the server listens on: the WSGI app
itself, called as the server calls it, with the client's address in REMOTE_ADDR."""
from __future__ import annotations

import json

import pytest

from kiosk.services.metrics.server import wsgi_app


def get(app, path: str, client: str, query: str = "") -> tuple[str, bytes]:
    seen = {}
    body = b"".join(app({"PATH_INFO": path, "QUERY_STRING": query, "REMOTE_ADDR": client, "REQUEST_METHOD": "GET"},
                        lambda status, headers: seen.update(status=status)))
    return seen["status"], body


@pytest.fixture
def asked():
    return []


@pytest.fixture
def app(asked):
    return wsgi_app(None, lambda fresh: asked.append(fresh) or {"kiosk": {"terminal_id": "T"}}, own_address="192.0.2.5")


@pytest.mark.parametrize("client", ["127.0.0.1", "127.3.4.5", "::1", "::ffff:127.0.0.1", "192.0.2.5"])
def test_this_machine_gets_the_health_report(app, asked, client):
    status, body = get(app, "/health", client, "fresh=1")
    assert status == "200 OK" and json.loads(body) == {"kiosk": {"terminal_id": "T"}}
    assert asked == [True]


@pytest.mark.parametrize("client", ["192.0.2.7", "198.51.100.1", "::ffff:192.0.2.7", "2001:db8::1", ""])
def test_another_host_is_refused_and_nothing_is_run_for_it(app, asked, client):
    status, _body = get(app, "/health", client, "fresh=1")
    assert status == "403 Forbidden" and asked == []


def test_other_paths_say_where_to_look(app):
    status, body = get(app, "/", "127.0.0.1")
    assert status == "404 Not Found" and b"/metrics" in body and b"/health" in body
