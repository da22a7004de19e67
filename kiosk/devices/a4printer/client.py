"""IPP over HTTP with requests: the four operations the kiosk needs, each a POST of one message.

    client = IppClient(printer_address("ipp://127.0.0.1:8631/ipp/print"), timeout_s=10)
    status = printer_status(client.get_printer_attributes(PRINTER_ATTRIBUTES))
    job_id = client.print_job(pdf_bytes, job_name="kiosk-certificate-12", media="iso_a4_210x297mm")
    state = job_state(client.get_job_attributes(job_id, JOB_ATTRIBUTES), job_id)
    client.cancel_job(job_id)

Every transport failure becomes a typed A4PrinterError. `request_sent` on the error tells
whether the request may have reached the printer: a Print-Job whose answer was lost may have
been queued, so the print service treats it as uncertain, never as "nothing printed".
Environment proxies are ignored: the printer is on the terminal's own cable or on this machine.
"""
from __future__ import annotations

import logging
import threading

import requests

from . import ipp
from .address import PrinterAddress
from .errors import (A4JobRefused, A4PrinterConfigError, A4PrinterDisconnected, A4PrinterError,
                     A4PrinterNotResponding, A4PrinterTimeout, A4PrinterUnreachable)

log = logging.getLogger(__name__)

USER = "kiosk"
NOT_ACCEPTING = {0x0506, 0x0507, 0x0502}      # not-accepting-jobs, busy, service-unavailable


class IppClient:
    def __init__(self, address: PrinterAddress, timeout_s: float = 10.0, *, language: str = "zh-cn"):
        self.address = address
        self.timeout_s = timeout_s
        self.language = language
        self._session = requests.Session()
        self._session.trust_env = False       # no proxy, netrc or CA bundle from the environment
        self._ids = iter(range(1, 2**31))
        self._lock = threading.Lock()

    def close(self) -> None:
        self._session.close()

    # --- operations ------------------------------------------------------------------------------
    def get_printer_attributes(self, requested: tuple[str, ...]) -> ipp.Message:
        return self._call("Get-Printer-Attributes",
                          ipp.attr("requesting-user-name", ipp.NAME, USER),
                          ipp.attr("requested-attributes", ipp.KEYWORD, *requested))

    def print_job(self, document: bytes, *, job_name: str, media: str = "") -> int:
        """Sends the PDF; returns the printer's job-id once it has accepted the job."""
        job_group = ipp.Group(ipp.TAG_JOB, [ipp.attr("media", ipp.KEYWORD, media)] if media else [])
        reply = self._call("Print-Job",
                           ipp.attr("requesting-user-name", ipp.NAME, USER),
                           ipp.attr("job-name", ipp.NAME, job_name),
                           ipp.attr("document-format", ipp.MIME_TYPE, "application/pdf"),
                           extra_groups=[job_group] if job_group.attributes else [], data=document, refuse=True)
        job_id = reply.first("job-id", ipp.TAG_JOB)
        if not isinstance(job_id, int) or isinstance(job_id, bool):
            err = A4PrinterNotResponding(f"Print-Job answered {reply.status_name} without a job-id",
                                         nothing_printed=False)
            err.request_sent = True
            raise err
        return job_id

    def get_job_attributes(self, job_id: int, requested: tuple[str, ...]) -> ipp.Message:
        return self._call("Get-Job-Attributes", ipp.attr("job-id", ipp.INTEGER, job_id),
                          ipp.attr("requesting-user-name", ipp.NAME, USER),
                          ipp.attr("requested-attributes", ipp.KEYWORD, *requested))

    def cancel_job(self, job_id: int) -> ipp.Message:
        return self._call("Cancel-Job", ipp.attr("job-id", ipp.INTEGER, job_id),
                          ipp.attr("requesting-user-name", ipp.NAME, USER), check=False)

    # --- one request -----------------------------------------------------------------------------
    def _call(self, operation: str, *attributes: ipp.Attribute, extra_groups: list[ipp.Group] | None = None,
              data: bytes = b"", refuse: bool = False, check: bool = True) -> ipp.Message:
        with self._lock:
            request_id = next(self._ids)
        message = ipp.Message(ipp.OPERATIONS[operation], request_id,
                              [ipp.operation_attributes(self.address.printer_uri, *attributes, language=self.language),
                               *(extra_groups or [])], data=data)
        body = ipp.encode(message)
        reply = self._post(operation, body)
        if check and not reply.ok:
            detail = f"{operation}: {reply.status_name}"
            text = reply.first("status-message", ipp.TAG_OPERATION)
            if text:
                detail += f" ({text})"
            if refuse and reply.code == 0x040A:
                raise A4PrinterConfigError(detail + ": the printer does not take PDF")
            if refuse:
                err: A4PrinterError = A4JobRefused(detail)
                err.not_accepting = reply.code in NOT_ACCEPTING
            else:
                err = A4PrinterNotResponding(detail)
            err.request_sent = True
            raise err
        return reply

    def _post(self, operation: str, body: bytes) -> ipp.Message:
        url = self.address.http_url
        try:
            response = self._session.post(url, data=body, headers={"Content-Type": "application/ipp"},
                                          timeout=(self.timeout_s, self.timeout_s), allow_redirects=False)
        except requests.exceptions.ConnectTimeout as exc:
            raise _error(A4PrinterTimeout, f"{operation}: no connection to {self.address.host} within "
                                           f"{self.timeout_s:g} s", exc, sent=False) from None
        except requests.exceptions.ReadTimeout as exc:
            raise _error(A4PrinterTimeout, f"{operation}: no answer within {self.timeout_s:g} s", exc,
                         sent=True) from None
        except requests.exceptions.SSLError as exc:
            raise _error(A4PrinterUnreachable, f"{operation}: TLS with {self.address.host} failed: {exc}", exc,
                         sent=False) from None
        except requests.exceptions.ConnectionError as exc:
            if _never_connected(exc):
                raise _error(A4PrinterUnreachable, f"{operation}: cannot connect to {self.address.host}: "
                                                   f"{_reason(exc)}", exc, sent=False) from None
            raise _error(A4PrinterDisconnected, f"{operation}: the connection broke: {_reason(exc)}", exc,
                         sent=True) from None
        except requests.exceptions.RequestException as exc:
            raise _error(A4PrinterNotResponding, f"{operation}: {type(exc).__name__}: {exc}", exc,
                         sent=True) from None
        if response.status_code != 200:
            raise _error(A4PrinterNotResponding, f"{operation}: HTTP {response.status_code} from {url}", None,
                         sent=True)
        try:
            return ipp.decode(response.content)
        except ipp.IppFormatError as exc:
            raise _error(A4PrinterNotResponding, f"{operation}: the answer is not IPP: {exc}", None,
                         sent=True) from None


def _error(cls: type[A4PrinterError], detail: str, cause: BaseException | None, *, sent: bool) -> A4PrinterError:
    err = cls(detail, nothing_printed=not sent)
    err.request_sent = sent
    err.__cause__ = cause
    return err


def _never_connected(exc: requests.exceptions.ConnectionError) -> bool:
    """True when the connection was never made (refused, no route, unknown host): nothing was sent."""
    text = repr(exc)
    return any(marker in text for marker in ("NewConnectionError", "NameResolutionError", "Connection refused",
                                             "No route to host", "Network is unreachable", "Failed to resolve"))


def _reason(exc: BaseException) -> str:
    text = str(exc)
    for marker in ("Connection refused", "No route to host", "Network is unreachable", "Connection reset by peer",
                   "Remote end closed connection without response", "Failed to resolve"):
        if marker in text:
            return marker
    return text[:200]
