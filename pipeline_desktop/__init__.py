"""Pipeline Desktop: keep, analyse and round-trip a small business's sales pipeline."""

from __future__ import annotations

APP_NAME = "Pipeline Desktop"
ORG_NAME = "PipelineDesktop"


def __getattr__(name: str) -> str:
    """`__version__` comes from the installed package's metadata, read only when asked
    (importing importlib.metadata costs ~20 ms of start-up)."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pipeline-desktop")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0"
