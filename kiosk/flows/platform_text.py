"""Text the platform wrote, on a screen in another language.

The kiosk translates what it says itself (labels such as 收费标准 / Fee, statuses, dates); what
the platform writes (a fee, a reason for a return, a note, a description, a material's form) is
its own wording, in Chinese, and is shown as it was sent. On a screen in another language it is
marked as the platform's, so no screen mixes languages without saying why. Names the platform
gives (services, departments, certificates, issuers, materials) are shown as they are, as names.
"""
from __future__ import annotations

from ..i18n import Catalogue as Messages

AS_GIVEN = "platform.as_given"   # zh_CN: the text alone; en: "… (from the platform)"


def as_given(text: str | None, messages: Messages) -> str:
    """`text` as the platform sent it, marked as the platform's where the screen's language is not
    the platform's; empty when there is none."""
    if not text:
        return ""
    return messages.text(AS_GIVEN, text=text)
