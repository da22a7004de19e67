"""A4 printing in the real app, headless, over the virtual A4 printer (IPP on 127.0.0.1) and the
platform simulator: a certificate copy goes to A4 with its footer; a receipt on A4 when the
citizen chooses it; the job's real stages; the printer out (why, where to go, 打印 not
tappable); an uncertain job offered as 补打 only once the A4 printer can print; the banner."""
from __future__ import annotations

import subprocess

import pytest

from tests.conftest import config_with

pytestmark = pytest.mark.ui


@pytest.fixture
def kiosk(default_config, clock, tmp_path):
    from kiosk.testing.harness import HeadlessKiosk

    config = config_with(default_config, ui={"allow_exit": False},
                         printer={"output_dir": str(tmp_path / "prints")},
                         a4printer={"output_dir": str(tmp_path / "a4"), "stall_s": 0.5, "poll_interval_s": 0.1,
                                    "sim_page_s": 0.2},
                         # the simulator lays out the first copy of a certificate (~1 s, more under load)
                         platform={"read_timeout_s": 8.0, "connect_timeout_s": 0.5, "retries": 0})
    started = HeadlessKiosk(config, clock=clock, start_devices=True)
    assert not started.services.parts.problems, started.services.parts.problems
    assert started.wait_until(lambda: started.app.a4printer_ready, timeout=10)
    yield started
    started.close()


def current(kiosk) -> str:
    return kiosk.app.screen_manager.current


def reaches(kiosk, screen: str, timeout: float = 30) -> bool:
    """Waits for `screen` and for its fade to end (a touch during a fade reaches no screen)."""
    found = kiosk.wait_until(lambda: current(kiosk) == screen, timeout=timeout)
    kiosk.settle()
    return found


def certificate_list(kiosk, person="bateer"):
    kiosk.tap(kiosk.screen.tile_for("certificates"))
    kiosk.simulated.reader.place(person)
    assert reaches(kiosk, "cert_list", 10)
    screen = kiosk.screen
    assert kiosk.wait_until(lambda: len(screen.ids.rows.children) > 0, timeout=10), screen.message
    return screen, next(r for r in reversed(screen.ids.rows.children) if r.printable)


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_a_certificate_copy_prints_on_a4_with_the_footer_stage_by_stage(kiosk):
    app, a4 = kiosk.app, kiosk.simulated.a4printer
    _screen, row = certificate_list(kiosk)
    stages = []
    kiosk.tap(row)
    printing = app.screen_manager.get_screen("a4_printing")
    printing.bind(stage=lambda _s, stage: stages.append(stage))
    assert reaches(kiosk, "a4_done", 30), printing.message
    assert "sending" in stages and "accepted" in stages and "printing" in stages
    assert kiosk.screen.message == "打印完成，请取走打印件"
    assert "请在A4打印机出纸口取走打印件" in kiosk.all_texts()
    assert a4.wait_for_jobs(1) and not kiosk.simulated.printer.jobs      # A4, not the receipt printer
    text = pdf_text(a4.jobs[-1].pdf_path)
    assert "自助终端打印" in text and "核验码" in text and row.type_name in text
    assert "巴特尔" in text            # the holder's own copy, unmasked
    assert text.count("自助终端打印") == a4.jobs[-1].pages == 2


def test_a_receipt_goes_on_a4_when_the_citizen_chooses_it(kiosk):
    app, a4 = kiosk.app, kiosk.simulated.a4printer
    kiosk.tap(kiosk.screen.tile_for("receipts"))
    kiosk.simulated.reader.place("bateer")
    assert reaches(kiosk, "status_list", 10)
    rows = kiosk.screen.ids.rows
    assert kiosk.wait_until(lambda: len(rows.children) > 0, timeout=10)
    kiosk.tap(rows.children[-1])
    number = app.services.session.application.application_no
    kiosk.tap(kiosk.screen.ids.print_receipt)
    assert current(kiosk) == "a4_choose"
    choose = kiosk.screen
    assert not choose.ids.receipt_printer.disabled and not choose.ids.a4_printer.disabled
    kiosk.tap(choose.ids.a4_printer)
    assert reaches(kiosk, "a4_done", 30)
    assert a4.wait_for_jobs(1)
    text = pdf_text(a4.jobs[-1].pdf_path)
    assert "办件回执" in text and number in text and "巴*尔" in text and "巴特尔" not in text
    assert not kiosk.simulated.printer.jobs
    # the slip, on the other printer, from the same choice
    kiosk.tap(kiosk.screen.ids.back)
    assert current(kiosk) == "status_detail"
    kiosk.tap(kiosk.screen.ids.print_receipt)
    kiosk.tap(kiosk.screen.ids.receipt_printer)
    printing = app.screen_manager.get_screen("printing")
    assert kiosk.wait_until(lambda: current(kiosk) == "printing" and printing.outcome == "done", timeout=15)
    assert kiosk.simulated.printer.wait_for_jobs(1, timeout=5) and len(a4.jobs) == 1


def test_paper_out_says_where_to_go_and_print_is_not_tappable_until_it_is_back(kiosk):
    app, a4, health = kiosk.app, kiosk.simulated.a4printer, kiosk.services.health
    screen, row = certificate_list(kiosk)
    a4.set_state(paper="out")
    kiosk.tap(row)
    assert reaches(kiosk, "a4_failed", 20)
    failed = kiosk.screen
    assert "A4打印机缺纸" in failed.message and "综合受理窗口" in failed.message
    assert not failed.reprint_offered and failed.ids.reprint.disabled and failed.ids.reprint.opacity == 0
    assert not app.a4printer_ready and "a4printer" in kiosk.services.out_of_order
    assert "A4打印机" in app.banner and "暂停使用" in app.banner             # the home banner names it
    assert a4.jobs == []                                                       # nothing sent
    kiosk.tap(failed.ids.back)
    assert current(kiosk) == "cert_list"
    assert kiosk.wait_until(lambda: len(screen.ids.rows.children) > 0 and not screen.loading, timeout=10)
    row = next(r for r in reversed(screen.ids.rows.children) if r.printable)    # the list is asked again
    kiosk.pump(3)
    assert row.disabled and "A4打印机暂停服务" in screen.printer_notice and "综合受理窗口" in screen.printer_notice
    kiosk.tap(row)
    assert current(kiosk) == "cert_list" and a4.jobs == []
    a4.set_state(paper="ok")
    app.check_a4printer()       # what the app asks every 15 s while the printer is out
    health.check_now()          # and the health round, which saw the paper out too
    assert kiosk.wait_until(lambda: app.a4printer_ready, timeout=15)
    kiosk.pump(3)
    assert not row.disabled and screen.printer_notice == "" and app.banner == ""


def test_an_uncertain_job_is_offered_as_reprint_only_once_the_printer_can_print(kiosk):
    app, a4 = kiosk.app, kiosk.simulated.a4printer
    _screen, row = certificate_list(kiosk)
    a4.set_fault(jam_after_pages=1)          # page 1 out, then a jam: the outcome is uncertain
    kiosk.tap(row)
    assert reaches(kiosk, "a4_failed", 30)
    failed = kiosk.screen
    assert "卡纸" in failed.message and not failed.reprint_offered
    assert "A4打印机恢复后，可在此补打" in failed.message
    failed.reprint()
    kiosk.pump(3)
    assert current(kiosk) == "a4_failed" and len(a4.jobs) == 1
    a4.set_state(jam=False)
    app.check_a4printer()
    kiosk.services.health.check_now()
    assert kiosk.wait_until(lambda: failed.reprint_offered, timeout=10)
    assert failed.ids.reprint.opacity == 1 and not failed.ids.reprint.disabled and "是否补打" in failed.message
    kiosk.tap(failed.ids.reprint)
    assert reaches(kiosk, "a4_done", 30)
    assert kiosk.screen.message == "补打完成，请取走打印件"
    assert a4.wait_for_jobs(2) and "补打" in pdf_text(a4.jobs[-1].pdf_path)


def test_a_broken_copy_from_the_platform_prints_nothing_and_says_so(kiosk):
    app, a4 = kiosk.app, kiosk.simulated.a4printer
    _screen, row = certificate_list(kiosk)
    kiosk.simulated.platform.set_fault("malformed", "certificates.copy")
    kiosk.tap(row)
    assert reaches(kiosk, "a4_failed", 20)
    assert kiosk.screen.message == app.t("platform.invalid_response")
    assert not kiosk.screen.reprint_offered and a4.jobs == [] and app.a4printer_ready


def test_the_a4_job_is_spoken_as_the_receipt_printer_speaks_printing_and_why_it_cannot(kiosk):
    from kiosk.services.voice import VoiceGuide
    from tests.ui.test_voice_moments import RecordingPlayer

    app, a4 = kiosk.app, kiosk.simulated.a4printer
    player = RecordingPlayer()
    app._voice_guide = VoiceGuide(player, language=lambda: kiosk.services.catalogue.language)
    _screen, row = certificate_list(kiosk)
    a4.set_state(paper="out")
    kiosk.tap(row)
    assert reaches(kiosk, "a4_failed", 20)
    said = [message_id for message_id, _language in player.said]
    assert said[-2:] == ["printer.printing", "a4printer.error.paper_out"], said
