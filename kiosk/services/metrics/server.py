"""The terminal's small HTTP server, on [metrics] address and port, on its own threads:

    GET /metrics   Prometheus text format (the official client renders it; gzip when asked)
    GET /health    the last health round as JSON, for `kiosk diag` (?fresh=1 runs a round first);
                   answered to this machine only, whatever address the server listens on: a client
                   on loopback, or one whose address is the server's own (this machine connecting to
                   the address it listens on; another host cannot complete a TCP handshake as it)

Nothing here runs on the UI thread: a scrape reads the parts from the server's thread.
"""
from __future__ import annotations

import ipaddress
import json
import logging
import socket
import threading
from socketserver import ThreadingMixIn
from typing import Callable
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import make_wsgi_app
from prometheus_client.registry import CollectorRegistry

log = logging.getLogger(__name__)

HealthSource = Callable[[bool], dict]


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True       # a scrape in progress never holds the kiosk's exit


class _Server6(_Server):
    address_family = socket.AF_INET6


class _QuietHandler(WSGIRequestHandler):
    """No line per request on stderr (the journal): Prometheus scrapes every few seconds."""

    def log_message(self, *_args) -> None:
        pass


def is_loopback(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.is_loopback or (ip.version == 6 and ip.ipv4_mapped is not None and ip.ipv4_mapped.is_loopback)


def wsgi_app(registry: CollectorRegistry, health: HealthSource, own_address: str = ""):
    metrics = make_wsgi_app(registry)

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/metrics":
            return metrics(environ, start_response)
        if path == "/health":
            client = environ.get("REMOTE_ADDR", "")
            if not (is_loopback(client) or (own_address and client == own_address)):
                return _reply(start_response, "403 Forbidden", "the health report is answered to this terminal only\n")
            fresh = parse_qs(environ.get("QUERY_STRING", "")).get("fresh") == ["1"]
            body = json.dumps(health(fresh), ensure_ascii=False)
            return _reply(start_response, "200 OK", body, "application/json; charset=utf-8")
        return _reply(start_response, "404 Not Found", "kiosk: /metrics for Prometheus, /health for kiosk diag\n")

    return app


def _reply(start_response, status: str, body: str, content_type: str = "text/plain; charset=utf-8"):
    data = body.encode("utf-8")
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(data)))])
    return [data]


class MetricsServer:
    def __init__(self, address: str, port: int, registry: CollectorRegistry, health: HealthSource):
        server_class = _Server6 if ipaddress.ip_address(address).version == 6 else _Server
        self._server = make_server(address, port, wsgi_app(registry, health, address), server_class, _QuietHandler)
        self.address, self.port = self._server.server_address[:2]
        self._thread = threading.Thread(target=self._server.serve_forever, name="metrics", daemon=True)

    @property
    def url(self) -> str:
        host = f"[{self.address}]" if ":" in self.address else self.address
        return f"http://{host}:{self.port}"

    def start(self) -> "MetricsServer":
        self._thread.start()
        log.info("metrics on %s/metrics, health report on %s/health", self.url, self.url)
        return self

    def stop(self) -> None:
        if self._thread.is_alive():     # shutdown() waits for serve_forever, which must be running
            self._server.shutdown()
        self._server.server_close()
        self._thread.join(2.0)
