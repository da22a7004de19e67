"""The tour's A4 walk (kiosk/testing/tour.py calls a4_walk from Tour.run): the choice of paper
for a receipt, a certificate copy printing page by page, 补打 offered once the A4 printer can
print again, the copy done, and the A4 printer out of paper saying where to go.

It drives the virtual A4 printer's settable state (a jam after the first page, paper out) and
waits for what the app shows, never for a fixed time.

    a4-choose           打印回执 with both printers ready: the slip or A4
    a4-printing         the copy's first page out, the second held by a jam (page 1 of 2)
    a4-reprint-offered  the jam cleared: the uncertain copy offered as 补打
    a4-done             the 补打 printed: take the pages from the A4 printer
    a4-printer-out      paper out: the copy refused before it was sent, why and where to go
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

A4_WAIT_S = 60.0      # a held job is given up after [a4printer] stall_s (10 s), a copy laid out in ~1 s


def receipt_printer_only(kiosk) -> Callable[[], None]:
    """The terminal as one without an A4 printer (certificates print the 仅供查验 slip, 打印回执
    goes straight to the receipt printer), for the receipt printer's walk; returns the undo."""
    services = kiosk.services
    installed = services.config.a4printer
    services.config = replace(services.config, a4printer=replace(installed, installed=False))
    kiosk.app.refresh_flows()

    def restore() -> None:
        services.config = replace(services.config, a4printer=installed)
        kiosk.app.refresh_flows()

    return restore


def a4_walk(tour) -> None:
    kiosk, app = tour.kiosk, tour.app
    printer = kiosk.simulated.a4printer if kiosk.simulated is not None else None
    if printer is None or not kiosk.services.config.a4printer.installed:
        return      # a terminal without an A4 printer has no A4 states
    choose_paper(tour)
    copy_jammed_then_reprinted(tour, printer)
    copy_refused_for_paper(tour, printer)
    app.go_home()
    kiosk.settle()


def choose_paper(tour) -> None:
    tour.tile("receipts")
    tour.place("bateer")
    tour.wait_for_screen("status_list")
    rows = tour.screen.ids.rows
    tour.wait(lambda: len(rows.children) > 0, "the applications")
    tour.tap(rows.children[-1])
    tour.wait_for_screen("status_detail")
    tour.tap(tour.screen.ids.print_receipt)
    tour.wait_for_screen("a4_choose")
    tour.shot("a4-choose")
    tour.end()


def certificate_rows(tour):
    tour.wait_for_screen("cert_list")
    certificates = tour.screen
    rows = certificates.ids.rows
    tour.wait(lambda: len(rows.children) > 0 and not certificates.loading, "the certificates")
    return next(r for r in reversed(rows.children) if r.printable)


def copy_jammed_then_reprinted(tour, printer) -> None:
    app, job = tour.app, tour.app.a4_job
    tour.tile("certificates")
    tour.place("bateer")
    row = certificate_rows(tour)
    printer.set_fault(jam_after_pages=1)
    tour.tap(row)
    tour.wait(lambda: job.view.stage == "printing" and dict(job.view.values).get("printed") == 1,
              "the first page of the copy", timeout=A4_WAIT_S)
    tour.wait_for_screen("a4_printing")
    tour.shot("a4-printing")
    tour.wait_for_screen("a4_failed", timeout=A4_WAIT_S)
    failed = tour.screen
    printer.set_state(jam=False)
    a4_back(tour)
    tour.wait(lambda: failed.reprint_offered, "补打 offered")
    tour.kiosk.settle()
    tour.shot("a4-reprint-offered")
    tour.tap(failed.ids.reprint)
    tour.wait_for_screen("a4_done", timeout=A4_WAIT_S)
    tour.shot("a4-done")
    app.go("cert_list")


def copy_refused_for_paper(tour, printer) -> None:
    row = certificate_rows(tour)
    printer.set_state(paper="out")
    tour.tap(row)
    tour.wait_for_screen("a4_failed", timeout=A4_WAIT_S)
    tour.wait(lambda: not tour.screen.reprint_offered and "a4printer" in tour.kiosk.services.out_of_order,
              "the A4 printer out of service")
    tour.shot("a4-printer-out")
    printer.set_state(paper="ok")
    a4_back(tour)
    tour.end()


def a4_back(tour) -> None:
    """Waits for the A4 printer to be in service again. The app asks it every 15 s and the
    health round runs on its own period; the tour asks both at once instead of waiting."""
    app, health = tour.app, tour.kiosk.services.health

    def ready() -> bool:
        if not app.a4printer_ready:
            app.check_a4printer()
            if health is not None:
                health.check_now()
            tour.kiosk.wait_until(lambda: app.a4printer_ready, timeout=2.0)
        return app.a4printer_ready

    tour.wait(ready, "the A4 printer back in service", timeout=A4_WAIT_S)
