"""The one place that says which message each moment speaks.

A moment's prompt is the message the screen shows at that moment wherever one exists, so what is
heard and what is read say the same; voice.* messages exist only where the screen has no words
of its own for it. A refusal or a failure speaks the error's own message_key (why, and where to go).
"""
from __future__ import annotations

from enum import Enum


class Moment(Enum):
    PLACE_CARD = "place_card"
    CARD_READ = "card_read"
    CARD_REFUSED = "card_refused"
    TAKE_CARD = "take_card"
    PRINTING = "printing"
    TAKE_PRINTOUT = "take_printout"
    PRINTER_OUT = "printer_out"
    IDLE_COUNTDOWN = "idle_countdown"
    SESSION_ENDED = "session_ended"


MOMENT_MESSAGES: dict[Moment, str] = {
    Moment.PLACE_CARD: "reader.place_card",          # 请将身份证放在感应区
    Moment.CARD_READ: "identify.welcome",            # 身份证读取成功
    Moment.CARD_REFUSED: "reader.replace_card",      # when the error names no message of its own
    Moment.TAKE_CARD: "reader.take_card",            # 请取走您的身份证
    Moment.PRINTING: "printer.printing",             # 正在打印，请稍候
    Moment.TAKE_PRINTOUT: "voice.take_receipt",      # 请取走您的凭条
    Moment.PRINTER_OUT: "printer.unavailable_here",  # out of service, and where to go instead
    Moment.IDLE_COUNTDOWN: "idle.question",          # 还需要更多时间吗？
    Moment.SESSION_ENDED: "voice.session_ended",
}

# An error's message_key is spoken when it belongs to the moment's area (a refused card speaks
# reader.card_expired, a failed print printer.error.paper_out ...).
REASON_PREFIXES: dict[Moment, tuple[str, ...]] = {
    Moment.CARD_REFUSED: ("reader.",),
    Moment.PRINTER_OUT: ("printer.error.", "a4printer.error."),
}


def message_for(moment: Moment, reason: BaseException | str | None = None) -> str:
    """The message id spoken at `moment`; `reason` (an error with message_key, or a key) says why."""
    key = reason if isinstance(reason, str) else getattr(reason, "message_key", None)
    if key and key.startswith(REASON_PREFIXES.get(moment, ())):
        return key
    return MOMENT_MESSAGES[moment]


def every_prompt() -> list[str]:
    """Every message id the terminal may speak: the moments' own, and the reasons the catalogues give."""
    from ...i18n import SOURCE_LANGUAGE, load_language

    keys = list(dict.fromkeys(MOMENT_MESSAGES.values()))
    reasons = sorted(k for k in load_language(SOURCE_LANGUAGE)
                     if any(k.startswith(p) for prefixes in REASON_PREFIXES.values() for p in prefixes)
                     and k not in keys and not _is_status_only(k))
    return keys + reasons


def _is_status_only(key: str) -> bool:
    """Reader keys for the technicians' banner and status lines, never said to a citizen."""
    return key in {"reader.fault", "reader.fallback", "reader.not_found", "reader.not_responding",
                   "reader.disconnected", "reader.timeout", "reader.line_error", "reader.sam_fault",
                   "reader.ready", "reader.reading", "reader.no_card"}
