"""The tool's settings, read from the environment once and checked when read.

Everything configurable lives here, so no module reads ``os.environ`` on its own (an IRI
minted with a base read mid-build could differ from the next one), and a bad value fails
at start-up with one line instead of deep inside a build:

| variable | meaning | default |
|---|---|---|
| ``IKG_BASE`` | base IRI of instance data (absolute) | ``https://w3id.org/inspection-kg/`` |
| ``IKG_STORE`` | the store commands use when ``--store`` is not given | ``ikg-store`` |
| ``IKG_UPDATE_URL`` | a SPARQL server's update endpoint | derived from the query URL |
| ``IKG_GSP_URL`` | a SPARQL server's Graph Store Protocol endpoint | none (updates are used) |
| ``IKG_USER``, ``IKG_PASSWORD`` | credentials for the server | none |
| ``IKG_AUTH_TYPE`` | ``basic`` or ``digest`` | ``basic`` |
| ``IKG_GRAPH_PREFIX`` | on a shared server, only graphs under this IRI are the project's | none |
| ``IKG_TIMEOUT`` | seconds a query, or one request to a server, may take | 60 |
| ``IKG_MEMORY_LIMIT`` | MiB a query on the embedded store may use (0: no limit) | 4096 |
| ``IKG_ALLOW_SERVICE`` | ``1`` allows SPARQL ``SERVICE`` (requests to other servers) | off |
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from functools import cache

DEFAULT_BASE = "https://w3id.org/inspection-kg/"
DEFAULT_STORE = "ikg-store"
DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_LIMIT_MB = 4096

_ABSOLUTE_IRI = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>\"{}|\\^`]+")


class SettingsError(ValueError):
    """A setting whose value cannot be used; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    base: str = DEFAULT_BASE
    store: str = DEFAULT_STORE
    update_url: str | None = None
    gsp_url: str | None = None
    user: str | None = None
    password: str | None = None
    auth_type: str = "basic"
    graph_prefix: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    memory_limit_mb: int = DEFAULT_MEMORY_LIMIT_MB
    allow_service: bool = False

    def __post_init__(self) -> None:
        if not _ABSOLUTE_IRI.fullmatch(self.base):
            raise SettingsError(f"IKG_BASE: {self.base!r} is not an absolute http(s) IRI")
        if not self.base.endswith("/"):
            object.__setattr__(self, "base", self.base + "/")
        if self.auth_type not in ("basic", "digest"):
            raise SettingsError(f"IKG_AUTH_TYPE: {self.auth_type!r} is not basic or digest")
        if not self.timeout > 0:
            raise SettingsError(f"IKG_TIMEOUT: {self.timeout!r} is not a positive number")
        if self.memory_limit_mb < 0:
            raise SettingsError(f"IKG_MEMORY_LIMIT: {self.memory_limit_mb!r} is negative")


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise SettingsError(f"{name}: {raw!r} is not a number") from None


def from_environment() -> Settings:
    """Settings from the ``IKG_*`` variables (unset or empty ones take the default)."""

    def text(name: str) -> str | None:
        return os.environ.get(name, "").strip() or None

    return Settings(
        base=text("IKG_BASE") or DEFAULT_BASE,
        store=text("IKG_STORE") or DEFAULT_STORE,
        update_url=text("IKG_UPDATE_URL"),
        gsp_url=text("IKG_GSP_URL"),
        user=text("IKG_USER"),
        password=os.environ.get("IKG_PASSWORD"),
        auth_type=(text("IKG_AUTH_TYPE") or "basic").lower(),
        graph_prefix=text("IKG_GRAPH_PREFIX"),
        timeout=_number("IKG_TIMEOUT", DEFAULT_TIMEOUT),
        memory_limit_mb=int(_number("IKG_MEMORY_LIMIT", DEFAULT_MEMORY_LIMIT_MB)),
        allow_service=(text("IKG_ALLOW_SERVICE") or "0").lower() in ("1", "true", "yes"),
    )


_override: Settings | None = None


@cache
def _from_environment() -> Settings:
    return from_environment()


def settings() -> Settings:
    """The settings in force: those set by :func:`configure`, else the environment's."""
    return _override if _override is not None else _from_environment()


def configure(**changes: object) -> Settings:
    """Change settings for this process (the CLI's options, tests); returns them."""
    global _override
    _override = replace(settings(), **changes)  # type: ignore[arg-type]
    return _override


def reset() -> None:
    """Forget :func:`configure` and re-read the environment on next use (tests)."""
    global _override
    _override = None
    _from_environment.cache_clear()
