"""Moved to kiosk.flows.status (the 办件进度查询 flow). Kept only so that the 好差评 screens that
still import it from here keep working; import from kiosk.flows.status instead."""
from ..flows.status import DATE, DATETIME, ApplicationView, view_of

__all__ = ["DATE", "DATETIME", "ApplicationView", "view_of"]
