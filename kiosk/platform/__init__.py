"""The integrated online government service platform: contract (openapi.yaml), client, models.

The UI and services import from here; see client.py for the calls and errors.py for the failures.
"""
from .client import PlatformClient
from .connection import PlatformConnection, open_platform
from .errors import InvalidResponse, PlatformError, PlatformRejected, PlatformUnavailable
from .status import PlatformState, PlatformStatus

__all__ = [
    "InvalidResponse", "PlatformClient", "PlatformConnection", "PlatformError", "PlatformRejected",
    "PlatformState", "PlatformStatus", "PlatformUnavailable", "open_platform",
]
