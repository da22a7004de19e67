"""TLS verification is on: the client trusts the platform's certificate only through the
configured CA bundle (a self-signed certificate made with openssl for this test)."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from kiosk.config.platform import PlatformSettings
from kiosk.platform import PlatformClient, PlatformUnavailable
from kiosk.sim.platform_sim import start_platform_simulator

SECRET = "tls-secret-123"


@pytest.fixture(scope="module")
def tls_sim(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True, timeout=30)
    sim = start_platform_simulator(SECRET, today=date(2026, 11, 25), tls=(str(cert), str(key)))
    yield sim, cert
    sim.stop()


def test_untrusted_certificate_is_refused(tls_sim):
    sim, _cert = tls_sim
    assert sim.base_url.startswith("https://127.0.0.1:")
    client = PlatformClient(PlatformSettings(secret=SECRET, retries=1, retry_backoff_s=0), "TLS-T1",
                            base_url=sim.base_url)
    with pytest.raises(PlatformUnavailable) as e:
        client.catalogue()
    assert e.value.reason == "tls" and client.status.offline


def test_certificate_trusted_through_the_configured_ca_bundle(tls_sim):
    sim, cert = tls_sim
    client = PlatformClient(PlatformSettings(secret=SECRET, ca_bundle=str(cert)), "TLS-T1", base_url=sim.base_url)
    assert client.catalogue().themes
    assert client.status.online
