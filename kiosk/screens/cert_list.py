"""证照打印: the card holder's e-certificates; a tap prints one with its verification QR code and
code. Who may see and print what is kiosk.flows.certificates' to decide (only the holder).
While the printer cannot print, no row offers 打印 and the screen says where to go instead."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from ..flows import certificates
from .widgets import KioskScreen


class CertificateRow(ButtonBehavior, BoxLayout):
    type_name = StringProperty("")
    number = StringProperty("")
    detail = StringProperty("")
    printable = BooleanProperty(True)


class CertificateListScreen(KioskScreen):
    loading = BooleanProperty(False)
    message = StringProperty("")
    printer_notice = StringProperty("")   # why nothing can be printed now, and where to go instead

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        app = App.get_running_app()
        if app is not None:
            # The rows' 打印 follows app.printer_ready in kv; this says why it is gone.
            app.bind(printer_ready=lambda *_: self._show_printer(), lang=lambda *_: self._show_printer())
            self._show_printer()

    def _show_printer(self) -> None:
        app = App.get_running_app()
        self.printer_notice = "" if app.printer_ready else app.t("printer.unavailable_here")

    def on_enter(self, *_args) -> None:
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
                                 printable=view.printable)
            row.bind(on_release=lambda _row, c=certificate: self.print_certificate(c))
            self.ids.rows.add_widget(row)

    def _failed(self, error: BaseException) -> None:
        app = App.get_running_app()
        self.loading = False
        self.message = app.failure_text(error)

    def print_certificate(self, certificate) -> None:
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
