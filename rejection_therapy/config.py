"""Where things live: the database location, the local state file, and URL masking.

Imports only the standard library and platformdirs, so the quick-log path stays fast.
"""

import json
import os
import re
from pathlib import Path
from typing import NamedTuple

from . import APP_NAME
from .files import write_private_atomic

ENV_DB = "REJECTION_THERAPY_DB"
ENV_PROFILE = "REJECTION_THERAPY_PROFILE"
ENV_DATA_DIR = "REJECTION_THERAPY_DATA_DIR"
DB_FILENAME = "rejection-therapy.db"


def data_dir() -> Path:
    """The user's data directory. Only named here: it is created (0700) when something is
    written there (``ensure_data_dir``), so ``doctor`` and reads never create it."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser().absolute()
    import platformdirs

    return platformdirs.user_data_path(APP_NAME).absolute()


def ensure_data_dir() -> Path:
    path = data_dir()
    ensure_private_dir(path)
    return path


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` and every missing parent 0700, whatever the umask."""
    path = Path(path).absolute()
    missing = []
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            continue  # another process made it first
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask


# Patterns as text: re compiles (and caches) each on first use (start-up, issue 12).
_URL_RE = r"^[a-zA-Z][a-zA-Z0-9+.-]*://"
# A URL inside a message: from its scheme to the next whitespace.
_URL_IN_TEXT = r"[a-zA-Z][a-zA-Z0-9+.-]*://\S*"
_PASSWORD_KW = r"(?i)(password\s*=\s*)('[^']*'|\S+)"


def mask_url(text: str) -> str:
    """Replace the password of every URL in ``text`` (a URL, or a message that quotes one)
    with ***, and any ``password=…`` a driver message quotes. Parses with SQLAlchemy's own
    ``make_url`` (imported only when there is a URL to mask, so --help stays light); when
    that cannot parse a URL, everything between ``://`` and the last ``@`` is hidden."""
    if "://" in text:
        text = re.sub(_URL_IN_TEXT, _mask_match, text)
    return re.sub(_PASSWORD_KW, r"\1***", text)


def _mask_match(m: re.Match) -> str:
    url = m.group()
    tail = len(url) - len(url.rstrip(":,;.)'\""))  # sentence punctuation after the URL
    return _mask_one(url[:len(url) - tail]) + url[len(url) - tail:]


def _mask_one(url: str) -> str:
    scheme, _, rest = url.partition("://")
    if "@" not in rest:
        return url  # no user part, so no password
    fallback = f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
    if rest.count("@") > 1:  # a raw "@" in the password: make_url would split at the first
        return fallback
    try:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        if parsed.password is None:
            return url
        masked = parsed.render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - any parse failure: hide the whole user part
        return fallback
    password = str(parsed.password)
    # Already masked (a message quoting a masked URL), or parsed right: the password is gone.
    return masked if password == "***" or password not in masked else fallback


class DbLocation(NamedTuple):
    """A database: a SQLite file path or any SQLAlchemy URL."""

    url: str
    path: Path | None  # set for SQLite files

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @property
    def display(self) -> str:
        return str(self.path) if self.path else mask_url(self.url)

    @property
    def key(self) -> str:
        """A stable, password-free key for remembering things per database."""
        return str(self.path.resolve()) if self.path else mask_url(self.url)


def resolve_db(arg: str | None = None) -> DbLocation:
    """--db beats REJECTION_THERAPY_DB beats the default file in the data directory."""
    raw = arg or os.environ.get(ENV_DB) or ""
    raw = raw.strip()
    if not raw:
        return _sqlite_location(data_dir() / DB_FILENAME)
    if raw.startswith("sqlite:///"):
        return _sqlite_location(Path(raw[len("sqlite:///"):]))
    if "://" in raw and re.match(_URL_RE, raw):  # a path is no URL (no regex to compile)
        if raw.startswith("postgresql://") or raw.startswith("postgres://"):
            raw = "postgresql+psycopg://" + raw.split("://", 1)[1]
        return DbLocation(url=raw, path=None)
    return _sqlite_location(Path(raw))


def _sqlite_location(path: Path) -> DbLocation:
    path = path.expanduser().absolute()
    return DbLocation(url=f"sqlite:///{path}", path=path)


# ---- the local state file: which profile this machine logs as, per database ----


def state_path() -> Path:
    return data_dir() / "state.json"


def load_state() -> dict:
    try:
        with open(state_path(), encoding="utf-8") as fh:
            data = json.load(fh)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def remembered_profile(location: DbLocation) -> str | None:
    value = load_state().get("profiles", {}).get(location.key)
    return value if isinstance(value, str) else None


def remember_profile(location: DbLocation, name: str) -> None:
    state = load_state()
    state.setdefault("profiles", {})[location.key] = name
    ensure_data_dir()
    write_private_atomic(state_path(), json.dumps(state, indent=2))


def wanted_profile(explicit: str | None, location: DbLocation) -> str | None:
    """The profile name asked for: --profile, then the environment, then the remembered one."""
    return explicit or os.environ.get(ENV_PROFILE) or remembered_profile(location)


def default_profile_name() -> str:
    import getpass

    try:
        name = getpass.getuser()
    except Exception:  # noqa: BLE001 - any failure means "no user name"
        name = ""
    name = re.sub(r"[^\w .-]", "", name or "").strip()
    return name if name and name != "root" else "me"
