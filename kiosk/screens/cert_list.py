"""证照打印: the card holder's e-certificates; print one with its verification QR code and code.
Only for the holder: the flow starts with the ID card, and a typed number never unlocks it."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from .widgets import KioskScreen


class CertificateRow(ButtonBehavior, BoxLayout):
    type_name = StringProperty("")
    number = StringProperty("")
    detail = StringProperty("")
    printable = BooleanProperty(True)


class CertificateListScreen(KioskScreen):
    loading = BooleanProperty(False)
    message = StringProperty("")

    def on_enter(self, *_args) -> None:
        self.lookup()

    def _client(self):
        return App.get_running_app().services.platform

    def lookup(self) -> None:
        app = App.get_running_app()
        identity = app.services.session.identity
        self.ids.rows.clear_widgets()
        self.message = ""
        client = self._client()
        if identity is None or client is None:
            app.go_home()
            return
        self.loading = True
        app.services.work.submit(lambda job: client.certificates_of(identity.id_number),
                                 name="certificates lookup", timeout=client.worst_case_s() + 1,
                                 on_result=self._show, on_error=self._failed)

    def _show(self, certificates) -> None:
        app = App.get_running_app()
        self.loading = False
        if not certificates:
            self.message = app.t("platform.no_certificates")
            return
        for cert in certificates:
            status = app.t(f"platform.certificate.{cert.status}")
            row = CertificateRow(type_name=cert.type_name, number=cert.number,
                                 detail=f"{cert.issuer}  {status}", printable=cert.printable)
            row.bind(on_release=lambda _row, c=cert: self.print_certificate(c))
            self.ids.rows.add_widget(row)

    def _failed(self, error: BaseException) -> None:
        app = App.get_running_app()
        self.loading = False
        self.message = app.failure_text(error)

    def print_certificate(self, certificate) -> None:
        app = App.get_running_app()
        identity, client = app.services.session.identity, self._client()
        if not certificate.printable or identity is None or client is None or not app.printer_ready:
            return
        self.loading = True
        app.services.work.submit(
            lambda job: client.certificate_print_data(certificate.certificate_id, identity.id_number),
            name="certificate print data", timeout=client.worst_case_s() + 1,
            on_result=self._print, on_error=self._failed)

    def _print(self, data) -> None:
        from ..services.documents import CertificatePrintout, certificate_document

        app = App.get_running_app()
        self.loading = False
        terminal = app.services.config.terminal
        printout = CertificatePrintout(
            certificate_name=data.type_name, holder_name=data.holder_name, certificate_no=data.number,
            issuer=data.issuer, valid_from=data.issued_on, valid_to=data.valid_until or "长期",
            verify_url=data.verification_url, verify_code=data.verification_code,
            terminal_id=terminal.terminal_id, hall_name=terminal.hall_name)
        app.print_document(certificate_document(printout), back_screen="cert_list")

    def reset(self) -> None:
        self.ids.rows.clear_widgets()
        self.message = ""
        self.loading = False
