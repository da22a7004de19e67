"""The voice player: the latest prompt wins, nothing overlaps, nothing queues; quiet hours, mute and
replay. Delivery (the UI thread's Clock) and the sound loader are injected; the workers are real."""
from __future__ import annotations

import threading
from datetime import time
from pathlib import Path

import pytest

from kiosk.config.voice import VoiceSettings
from kiosk.services.voice import Moment, VoiceGuide
from kiosk.threads import BackgroundWork, ManualDelivery
from kiosk.ui.voice_player import VoicePlayer


class RecordedSound:
    """Stands in for a Kivy Sound: as strict as one about being used after unload."""

    def __init__(self, path: str, log: list):
        self.path, self.log, self.volume, self.state, self.unloaded = path, log, 1.0, "stop", False
        self.loaded_on = threading.current_thread()

    def play(self):
        assert not self.unloaded, "play after unload"
        self.state = "play"
        self.log.append(("play", Path(self.path).stem, self.volume))

    def stop(self):
        self.state = "stop"
        self.log.append(("stop", Path(self.path).stem))

    def unload(self):
        self.unloaded = True


class Speaker:
    """What the player would play: one file per message id, and every sound it loaded."""

    def __init__(self, tmp_path: Path):
        self.folder, self.log, self.sounds, self.asked = tmp_path, [], [], []
        self.gate: dict[str, threading.Event] = {}

    def sound_file(self, message_id: str, language: str) -> Path | None:
        self.asked.append(message_id)
        if message_id in self.gate:
            assert self.gate[message_id].wait(5)
        return None if message_id == "silent" else self.folder / f"{message_id}.wav"

    def load(self, path: str) -> RecordedSound:
        sound = RecordedSound(path, self.log)
        self.sounds.append(sound)
        return sound

    def playing(self) -> list[str]:
        return [Path(s.path).stem for s in self.sounds if s.state == "play"]


@pytest.fixture
def delivery():
    return ManualDelivery()


@pytest.fixture
def work(delivery):
    w = BackgroundWork(delivery)
    yield w
    w.shutdown()


def player_for(speaker, work, hour=12, **settings) -> VoicePlayer:
    return VoicePlayer(speaker.sound_file, work, VoiceSettings(**settings), load_sound=speaker.load,
                       time_of_day=lambda: time(hour, 0))


def settle(delivery, work=None):
    """Runs on "the UI thread" whatever the workers have delivered, once they are all done."""
    if work is not None:
        assert _wait(lambda: work.pending() == 0)
    while delivery.drain(wait=0.05):
        pass


def test_a_prompt_plays_on_the_delivering_thread_not_the_worker(tmp_path, work, delivery):
    speaker = Speaker(tmp_path)
    player = player_for(speaker, work)
    player.say("reader.place_card", "zh_CN")
    assert speaker.playing() == []        # nothing plays until the UI thread runs the delivery
    settle(delivery, work)
    assert speaker.playing() == ["reader.place_card"]
    # decoding a long prompt takes tens of ms: never on the UI thread
    assert speaker.sounds[0].loaded_on is not threading.current_thread()


def test_the_latest_prompt_wins_and_the_earlier_never_plays(tmp_path, work, delivery):
    speaker = Speaker(tmp_path)
    player = player_for(speaker, work)
    for key in ("reader.place_card", "identify.welcome", "printer.printing"):
        player.say(key, "zh_CN")
    settle(delivery, work)
    assert [entry[1] for entry in speaker.log if entry[0] == "play"] == ["printer.printing"]


def test_a_slow_earlier_prompt_arriving_late_is_dropped(tmp_path, work, delivery):
    speaker = Speaker(tmp_path)
    speaker.gate["reader.place_card"] = threading.Event()
    player = player_for(speaker, work)
    player.say("reader.place_card", "zh_CN")           # its synthesis hangs
    assert _wait(lambda: "reader.place_card" in speaker.asked)
    player.say("reader.take_card", "zh_CN")
    assert delivery.drain(wait=5) == 1                 # the later prompt is ready first and plays
    assert speaker.playing() == ["reader.take_card"]
    speaker.gate["reader.place_card"].set()
    settle(delivery, work)
    assert speaker.playing() == ["reader.take_card"]
    assert [entry[1] for entry in speaker.log if entry[0] == "play"] == ["reader.take_card"]


def test_a_new_prompt_stops_the_one_playing_so_nothing_overlaps(tmp_path, work, delivery):
    speaker = Speaker(tmp_path)
    player = player_for(speaker, work)
    player.say("printer.printing", "zh_CN")
    settle(delivery, work)
    player.say("voice.take_receipt", "zh_CN")
    assert speaker.playing() == []                     # stopped at once, before the next is ready
    settle(delivery, work)
    assert speaker.playing() == ["voice.take_receipt"]
    assert speaker.sounds[0].unloaded


def test_quiet_hours_play_at_the_quiet_volume(tmp_path, work, delivery):
    for hour, volume in ((23, 0.25), (10, 0.9)):
        speaker = Speaker(tmp_path)
        player = player_for(speaker, work, hour=hour, volume=0.9, quiet_volume=0.25)
        player.say("idle.question", "zh_CN")
        settle(delivery, work)
        assert speaker.log == [("play", "idle.question", volume)]


def test_mute_silences_now_and_until_unmuted_and_replay_says_the_last_again(tmp_path, work, delivery):
    speaker = Speaker(tmp_path)
    guide = VoiceGuide(player_for(speaker, work), language=lambda: "zh_CN")
    guide.say(Moment.TAKE_CARD)
    settle(delivery, work)
    assert guide.toggle_mute() is True
    assert speaker.playing() == []
    guide.say(Moment.SESSION_ENDED)
    settle(delivery, work)
    assert speaker.playing() == []
    assert guide.toggle_mute() is False
    guide.replay()
    settle(delivery, work)
    assert speaker.playing() == ["voice.session_ended"]


def test_a_removed_card_ends_take_your_card_but_no_other_prompt(tmp_path, work, delivery):
    speaker = Speaker(tmp_path)
    guide = VoiceGuide(player_for(speaker, work), language=lambda: "zh_CN")
    guide.say(Moment.PRINTING)
    settle(delivery, work)
    guide.card_removed()
    assert speaker.playing() == ["printer.printing"]
    guide.say(Moment.TAKE_CARD)
    settle(delivery, work)
    guide.card_removed()
    assert speaker.playing() == []


def test_silence_and_a_disabled_voice_play_nothing(tmp_path, work, delivery):
    speaker = Speaker(tmp_path)
    player_for(speaker, work).say("silent", "mn")
    player_for(speaker, work, enabled=False).say("reader.place_card", "zh_CN")
    settle(delivery, work)
    assert speaker.log == [] and speaker.asked == ["silent"]


def test_the_guide_speaks_in_the_sessions_current_language(tmp_path, work, delivery):
    said = []

    class Listening:
        muted = False

        def say(self, message_id, language):
            said.append((message_id, language))

    language = ["zh_CN"]
    guide = VoiceGuide(Listening(), language=lambda: language[0])
    guide.say(Moment.PLACE_CARD)
    language[0] = "en"
    guide.say(Moment.CARD_REFUSED, reason="reader.card_expired")
    assert said == [("reader.place_card", "zh_CN"), ("reader.card_expired", "en")]


def _wait(predicate, timeout=5.0):
    from tests.conftest import wait_for
    return wait_for(predicate, timeout)
