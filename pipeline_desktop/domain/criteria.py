"""Which exit criterion is which after the stage editor: identity, not text.

The editor shows a stage's criteria one a line. A line edited in place is the same criterion
renamed (every tick on it stays); a line added is a new criterion; a line removed is gone."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher


def match_criteria(old: Sequence[str], new: Sequence[str]) -> list[int | None]:
    """For each criterion of `new`, the index in `old` of the criterion it continues (the
    same text, or a line edited in place), or None for a new one."""
    found: list[int | None] = [None] * len(new)
    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):  # replace: lines edited where they stood
            for offset in range(min(i2 - i1, j2 - j1)):
                found[j1 + offset] = i1 + offset
    return found


def renamed(old: Sequence[str], new: Sequence[str]) -> list[tuple[str, str]]:
    """(old text, new text) of every criterion the edit renamed."""
    return [(old[i], text) for text, i in zip(new, match_criteria(old, new), strict=True)
            if i is not None and old[i] != text]
