"""Pipeline Desktop: keep, analyse and round-trip a small business's sales pipeline."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pipeline-desktop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

APP_NAME = "Pipeline Desktop"
ORG_NAME = "PipelineDesktop"
