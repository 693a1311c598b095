"""Configurable keys: ``keymap.toml`` in the config folder maps binding ids to keys.

    # ~/.config/rejection-therapy/keymap.toml  (REJECTION_THERAPY_CONFIG_DIR overrides the folder)
    log-no = "k"          # the dashboard's "log a no"
    go-leaderboard = "B"

Every binding of the app has an id (the help screen lists them); the file is applied with
``App.set_keymap``. A file that cannot be read, is not TOML, or maps an id to something that
is not a key gives one sentence and the default keys. Standard library only (tomllib).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from .. import APP_NAME

ENV_CONFIG_DIR = "REJECTION_THERAPY_CONFIG_DIR"
FILENAME = "keymap.toml"
_KEY = re.compile(r"^[A-Za-z0-9_+\-]+$")  # "k", "ctrl+k", "exclamation_mark", "f5"


class KeymapError(ValueError):
    """The keymap file is wrong; str() is one sentence for the user."""


def config_dir() -> Path:
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_config_path(APP_NAME)


def keymap_path() -> Path:
    return config_dir() / FILENAME


def parse(text: str, where: str = FILENAME) -> dict[str, str]:
    """``{binding id: keys}`` from the file's text; raises KeymapError with one sentence."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise KeymapError(f"{where} is not valid TOML ({err}); the default keys are used.") from None
    keys = data.pop("keys", {}) if isinstance(data.get("keys"), dict) else {}
    keymap: dict[str, str] = {}
    for binding_id, value in {**data, **keys}.items():
        keys_text = ",".join(value) if isinstance(value, list) and all(isinstance(v, str) for v in value) else value
        if not isinstance(keys_text, str) or not keys_text.strip():
            raise KeymapError(f"{where}: '{binding_id}' must be a key such as \"k\" or \"ctrl+k\"; "
                              "the default keys are used.")
        parts = [k.strip() for k in keys_text.split(",")]
        bad = [k for k in parts if not _KEY.match(k)]
        if bad:
            raise KeymapError(f"{where}: '{bad[0]}' (for '{binding_id}') is not a key name; "
                              "the default keys are used.")
        keymap[binding_id] = ",".join(parts)
    return keymap


def load(path: Path | None = None) -> dict[str, str]:
    """The keymap from ``path`` (default: the config folder's keymap.toml); {} when absent."""
    path = path or keymap_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as err:
        raise KeymapError(f"{path} could not be read ({type(err).__name__}); the default keys are used.") from None
    return parse(text, str(path))


def unknown_ids(keymap: dict[str, str], known: Iterable[str]) -> list[str]:
    known_set = set(known)
    return sorted(k for k in keymap if k not in known_set)
