"""Where a pipeline lives, parsed once: a file on this computer or a database on a team server.

Without peewee (the window's first paint reads the address before peewee is imported)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline_desktop.errors import NotAPipelineError
from pipeline_desktop.storage.file_format import display_name, sqlite_path

SERVER_SCHEMES = ("postgres://", "postgresql://")


def is_server_url(url: str) -> bool:
    return url.startswith(SERVER_SCHEMES)


@dataclass(frozen=True)
class PipelineAddress:
    """A parsed address. `path` is the file, None for a server; `url` is what was given (a
    server URL may carry a password: show `display_name`, never `url`)."""

    url: str
    path: Path | None

    @classmethod
    def parse(cls, address: str | PipelineAddress) -> PipelineAddress:
        """`sqlite:///…`, a plain path, or `postgresql://…`; anything else is refused."""
        if isinstance(address, PipelineAddress):
            return address
        path = sqlite_path(address)
        if path is None and not is_server_url(address):
            raise NotAPipelineError(f"Unsupported database address: {address}")
        return cls(address, path)

    @property
    def is_server(self) -> bool:
        return self.path is None

    @property
    def display_name(self) -> str:
        return display_name(self.url)
