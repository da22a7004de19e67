"""The integrated online government service platform: contract (openapi.yaml), client, models.

The UI and services import from here; see client.py for the calls and errors.py for the failures.
Names load on first use (PEP 562), so importing a light part (the status, the models) does not
pull requests and the client into the kiosk's start-up.
"""
from __future__ import annotations

import importlib

_WHERE = {
    "PlatformClient": "client",
    "InvalidResponse": "errors", "PlatformError": "errors", "PlatformRejected": "errors",
    "PlatformUnavailable": "errors",
    "PlatformState": "status", "PlatformStatus": "status",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
