"""What each citizen flow decides, as plain functions of the session and the services: no widgets.

Screens show state and forward taps; the decisions (what a flow offers, what it looks up, which
cards it accepts, what it prints, where it goes next) live here, so they test without a window.

  offered.py         the home tiles: which flows exist and what each needs
  identify.py        which ID cards each flow accepts; what a refused card means
  status.py          办件进度查询 / 回执打印: lookup by card or number, list and detail texts, the receipt
  certificates.py    证照打印: only for the holder, the printout
  guide.py           办事指南: the catalogue once a session, browsing, entry texts
  help.py            求助/帮您办: one call for staff a session
  rating.py          好差评
  platform_calls.py  how a flow asks the platform (in the background, answered on the UI thread)
  platform_text.py   the platform's own wording on a screen in another language, marked as the platform's
  context.py         Services: what flows and screens may use

Flows import services, platform, devices, session, config, i18n and leaf helpers; never screens,
ui, the app or Kivy. Document layouts and their builders live in kiosk.services.documents.
"""
from .offered import FLOWS, Flow, available_flows

__all__ = ["FLOWS", "Flow", "available_flows"]
