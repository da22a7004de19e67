"""Where the repository's own files live (assets, default configuration)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
FONTS = ASSETS / "fonts"
DEFAULT_CONFIG = ROOT / "config" / "kiosk.toml"
CONFIG_ENV_VAR = "KIOSK_CONFIG"
