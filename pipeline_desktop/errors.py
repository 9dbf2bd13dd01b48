"""Errors a person can act on. Anything else is our bug and is logged with its traceback."""


class PipelineError(Exception):
    """A problem to tell the user in one sentence; `exit_code` is what the command line returns."""

    exit_code = 1


class UsageError(PipelineError):
    exit_code = 2


class NotAPipelineError(PipelineError):
    """The file exists but is not a pipeline this version can open."""


class StorageError(PipelineError):
    """The user's environment got in the way: disk full, file locked, read-only, server gone."""


class ValidationError(PipelineError):
    """A value a user typed or imported cannot be stored."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ConflictError(PipelineError):
    """Someone else changed the record since it was read (team mode)."""
