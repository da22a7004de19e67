"""证照打印: the card holder's e-certificates; a tap prints one with its verification QR code and
code: the copy on the A4 printer where there is one, else the slip on the receipt printer. Who
may see and print what, and on which printer, is kiosk.flows.certificates' to decide (only the
holder). While that printer cannot print, no row offers 打印 and the screen says where to go."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from ..flows import a4, certificates
from .widgets import KioskScreen


class CertificateRow(ButtonBehavior, BoxLayout):
    type_name = StringProperty("")
    number = StringProperty("")
    detail = StringProperty("")
    printable = BooleanProperty(True)
    ready = BooleanProperty(True)       # the certificates' printer can print now


class CertificateListScreen(KioskScreen):
    loading = BooleanProperty(False)
    message = StringProperty("")
    printer_notice = StringProperty("")   # why nothing can be printed now, and where to go instead
    print_ready = BooleanProperty(False)  # the printer certificates go to can print

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        app = App.get_running_app()
        if app is not None:
            # The rows' 打印 follows the printer's readiness; the notice says why it is gone.
            app.bind(printer_ready=lambda *_: self._show_printer(), a4printer_ready=lambda *_: self._show_printer(),
                     lang=lambda *_: self._show_printer())
            self._show_printer()

    def _show_printer(self) -> None:
        app = App.get_running_app()
        self.print_ready = certificates.printer_ready(app.services)
        self.printer_notice = "" if self.print_ready else app.t(certificates.unavailable_key(app.services))
        for row in self.ids.rows.children if "rows" in self.ids else ():
            row.ready = self.print_ready

    def on_enter(self, *_args) -> None:
        self._show_printer()
        self.lookup()

    def lookup(self) -> None:
        app = App.get_running_app()
        self.ids.rows.clear_widgets()
        self.message = ""
        self.loading = True
        if not certificates.look_up(app.services, self._show, self._failed):
            self.loading = False
            app.go_home()

    def _show(self, found) -> None:
        app = App.get_running_app()
        self.loading = False
        if not found:
            self.message = app.t("platform.no_certificates")
            return
        for certificate in found:
            view = certificates.view_of(certificate, app.services.catalogue)
            row = CertificateRow(type_name=view.type_name, number=view.number, detail=view.detail,
                                 printable=view.printable, ready=self.print_ready)
            row.bind(on_release=lambda _row, c=certificate: self.print_certificate(c))
            self.ids.rows.add_widget(row)

    def _failed(self, error: BaseException) -> None:
        app = App.get_running_app()
        self.loading = False
        self.message = app.failure_text(error)

    def print_certificate(self, certificate) -> None:
        app = App.get_running_app()
        if certificates.printer_ready(app.services) and a4.certificate_printer(app.services) == a4.A4:
            if certificates.can_print(app.services, certificate):
                app.print_certificate_copy(certificate, back_screen="cert_list")
            return
        self.loading = True
        if not certificates.fetch_printout(App.get_running_app().services, certificate, self._print, self._failed):
            self.loading = False

    def _print(self, document) -> None:
        self.loading = False
        App.get_running_app().print_document(document, back_screen="cert_list")

    def reset(self) -> None:
        self.ids.rows.clear_widgets()
        self.message = ""
        self.loading = False
