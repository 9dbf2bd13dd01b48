"""What an import does with a stage name the pipeline does not have: map it onto an existing
stage, or create it (before Won and Lost) at a given probability.

A choice is written as text, the same on the command line (`--stage "Contract Sent=Proposal"`,
`--stage "Contract Sent=new:40"`), in a saved preset and in the wizard's answer: an existing
stage's name, or `new` / `new:NN` for a new stage (NN %; without it, the file's probability
column for that stage, else the lowest probability of the open stages)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipeline_desktop.errors import UsageError

NEW = "new"
STAGE_PRESETS_KEY = "import_stage_presets"  # pipeline setting: {preset: {label: choice}}


@dataclass(frozen=True)
class StageChoice:
    stage: str | None  # an existing stage's name; None: a new stage named as in the file
    probability: int | None = None  # a new stage's probability (None: from the file)

    @property
    def text(self) -> str:
        if self.stage is not None:
            return self.stage
        return NEW if self.probability is None else f"{NEW}:{self.probability}"


def parse_choice(text: str) -> StageChoice:
    """`Proposal` → that stage; `new`, `new:40`, `new:40%` → a new stage."""
    value = text.strip()
    head, sep, tail = value.partition(":")
    if head.strip().casefold() != NEW:
        if not value:
            raise UsageError("a stage mapping needs a stage after '='")
        return StageChoice(value)
    if not sep or not tail.strip():
        return StageChoice(None)
    try:
        probability = int(tail.strip().rstrip("%").strip())
    except ValueError:
        raise UsageError(f"'{value}': the probability of a new stage is a whole number "
                         "0-100, as in new:40") from None
    if not 0 <= probability <= 100:
        raise UsageError(f"'{value}': a probability is between 0 and 100")
    return StageChoice(None, probability)


def parse_stage_option(values: Sequence[str]) -> dict[str, str]:
    """`--stage "Contract Sent=Proposal"` (repeatable) → {label: choice text}."""
    result: dict[str, str] = {}
    for value in values:
        label, sep, choice = value.rpartition("=")
        if not sep or not label.strip():
            raise UsageError(f"--stage expects \"Stage in the file=Stage here\" "
                             f"(or =new:40), not '{value}'")
        result[label.strip()] = parse_choice(choice).text
    return result


def parse_choices(texts: Mapping[str, str]) -> dict[str, StageChoice]:
    return {label: parse_choice(text) for label, text in texts.items()}
