"""运维诊断's A4 test page, the voice's volume and the read test's labels, in the real app against
the simulators: the A4 page reaches the (virtual) A4 printer as a PDF; the volume steps 0-100 for
the running kiosk only, a sample plays at it, and the citizen's prompts then play at it too while
the configuration keeps its default; the read test's fields are labelled in the chosen language."""
from __future__ import annotations

import pytest

from kiosk.services.diagnostics.pin import hash_pin
from kiosk.services.voice import VoiceGuide
from kiosk.testing.diag_tour import DEMO_PIN, open_pin_pad
from kiosk.ui.voice_player import VoicePlayer
from tests.conftest import config_with

pytestmark = pytest.mark.ui


class Sound:
    """What Kivy's SoundLoader returns, recording the volume it is played at."""
    played: list[tuple[str, float]] = []

    def __init__(self, path: str):
        self.path, self.volume = path, 1.0

    def play(self) -> None:
        Sound.played.append((self.path, self.volume))

    def stop(self) -> None:
        pass


@pytest.fixture
def kiosk(default_config, clock):
    from kiosk.testing.harness import HeadlessKiosk

    config = config_with(default_config, ui={"allow_exit": False},
                         platform={"read_timeout_s": 1.0, "connect_timeout_s": 0.5, "retries": 0},
                         diagnostics={"pin_hash": hash_pin(DEMO_PIN, n=2 ** 10)})
    k = HeadlessKiosk(config, clock=clock, start_devices=True)
    yield k
    k.close()


def open_checks(k):
    pad = open_pin_pad(k)
    for digit in DEMO_PIN:
        pad.press(digit)
    pad.submit()
    assert k.wait_until(lambda: k.app.screen_manager.current == "diag_checks", timeout=10)
    screen = k.screen
    assert k.wait_until(lambda: screen.report is not None and not screen.checking, timeout=30)
    return screen


def test_the_a4_test_page_reaches_the_a4_printer(kiosk):
    screen = open_checks(kiosk)
    a4 = kiosk.simulated.a4printer
    before = len(a4.jobs)
    assert screen.ids.print_a4_test.opacity == 1 and not screen.ids.print_a4_test.disabled
    kiosk.tap(screen.ids.print_a4_test)
    assert kiosk.wait_until(lambda: "A4测试页已打印" in screen.output, timeout=30), screen.output
    assert a4.wait_for_jobs(before + 1, timeout=10)
    assert a4.jobs[-1].pdf_path.read_bytes().startswith(b"%PDF")
    assert "A4 test print" in [e["action"] for e in audit_entries(kiosk)]


def test_the_a4_test_page_says_why_when_the_a4_printer_is_not_there(kiosk):
    screen = open_checks(kiosk)
    kiosk.simulated.a4printer.unplug()
    kiosk.tap(screen.ids.print_a4_test)
    assert kiosk.wait_until(lambda: "A4测试页打印失败" in screen.output, timeout=60), screen.output


def test_the_volume_is_set_for_this_run_a_sample_plays_at_it_and_the_prompts_follow(kiosk):
    app = kiosk.app
    services = app.services
    Sound.played.clear()
    player = VoicePlayer(lambda message_id, language: f"/clips/{language}/{message_id}.wav", services.work,
                         services.config.voice, load_sound=Sound, time_of_day=lambda: __import__("datetime").time(10, 30))
    app._voice_guide = VoiceGuide(player, language=lambda: services.catalogue.language)
    screen = open_checks(kiosk)
    assert screen.volume == 80 and "80" in screen.ids.volume_label.text
    assert "配置文件保持默认音量80" in screen.ids.volume_note.text
    for _ in range(3):
        kiosk.tap(screen.ids.volume_down)
    assert screen.volume == 50 and screen.ids.volume_label.text == "语音音量：50"
    kiosk.tap(screen.ids.volume_sample)
    assert kiosk.wait_until(lambda: Sound.played, timeout=10)
    assert Sound.played[-1] == ("/clips/zh_CN/reader.place_card.wav", 0.5)
    assert services.config.voice.volume == 0.8          # the configuration keeps its default
    # The citizen's prompts play at the volume set, for the rest of the run.
    screen.leave()
    kiosk.settle()
    app.identify("flow.help.title", next_screen="help")
    assert kiosk.wait_until(lambda: len(Sound.played) == 2, timeout=10)
    assert Sound.played[-1] == ("/clips/zh_CN/reader.place_card.wav", 0.5)


def test_the_volume_stays_between_0_and_100(kiosk):
    screen = open_checks(kiosk)
    for _ in range(15):
        screen.step_volume(1)
    assert screen.volume == 100 and screen.ids.volume_up.disabled
    for _ in range(15):
        screen.step_volume(-1)
    assert screen.volume == 0 and screen.ids.volume_down.disabled
    assert kiosk.app.voice.player.held_volume == 0


def test_the_read_test_labels_the_masked_fields_in_the_chosen_language(kiosk):
    screen = open_checks(kiosk)
    screen.read_test()
    kiosk.simulated.reader.place("bateer")
    assert kiosk.wait_until(lambda: "读卡成功" in screen.output, timeout=10)
    assert "证件类型：居民身份证" in screen.output and "证件号码：150626********3015" in screen.output
    assert "号码校验：通过" in screen.output
    assert "card_type" not in screen.output and "id_number" not in screen.output


def audit_entries(kiosk) -> list[dict]:
    import json

    from kiosk.services.diagnostics.audit import AUDIT_FILE
    path = kiosk.services.config.logging.dir / AUDIT_FILE
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]
