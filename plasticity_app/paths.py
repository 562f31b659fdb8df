"""Where the journal lives, and where the app's own resources are (source tree, wheel or bundle)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from plasticity_app.domain.errors import UserError

APP_DIR_NAME = "Plasticity Journal"
ENV_DATA_DIR = "PLASTICITY_DATA_DIR"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_DIR_NAME, appauthor=False, roaming=False))


def resolve_data_dir(arg: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` first, then ``PLASTICITY_DATA_DIR``, then the platform's user data folder."""
    if arg:
        return Path(arg).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def ensure_private_dir(path: Path) -> Path:
    """Create the folder if needed (0700 on POSIX) and check that we can write in it."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix":
            os.chmod(path, 0o700)
        probe = path / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise UserError(
            f"Can’t write to the journal folder {path}: {exc.strerror or exc}. "
            "Choose another folder with --data-dir, or check its permissions."
        ) from exc
    return path


def resources_dir() -> Path:
    """The ``resources/`` folder: inside a PyInstaller bundle, the source tree, or the wheel."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    here = Path(__file__).resolve().parent
    source = here.parent / "resources"
    if source.is_dir():
        return source
    return here / "_resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
