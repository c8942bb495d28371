"""Goals and how far they have come, as numbers in words and as a progress bar.

A goal may have a target range ("110-120 borgere"); progress is measured on
given dates ("43 pr. 1. maj 2019"). The bar runs from 0 to the top of the
range; the words always carry the figures, so the bar is only an extra.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from overblik.content.fieldtypes import PartialDate
from overblik.content.schemas import Fremskridt, Maal, Maalvaerdi
from overblik.danish import number


def target_text(target: Maalvaerdi) -> str:
    if target.min == target.max:
        return number(target.min)
    return f"{number(target.min)}–{number(target.max)}"


def _plain(value: float) -> str:
    """A number as ARIA attributes want it: 1200, 2.5 (no thousands dots)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _percent(part: float, whole: float) -> int:
    return int(part / whole * 100 + 0.5)


@dataclass
class Progress:
    """One measurement of a goal."""

    value: float
    date: PartialDate
    target: Maalvaerdi | None = None
    unit: str | None = None
    note: str | None = None
    report: str | None = None

    @property
    def unit_text(self) -> str:
        return f" {self.unit}" if self.unit else ""

    @property
    def text(self) -> str:
        """E.g. "43 af 110–120 borgere pr. 1. maj 2019"."""
        if self.target is None:
            return f"{number(self.value)}{self.unit_text} pr. {self.date.danish()}"
        return f"{number(self.value)} af {target_text(self.target)}{self.unit_text} pr. {self.date.danish()}"

    @property
    def share_text(self) -> str:
        """How far towards the target, in words: "36–39 % af målet", "inden for
        målet" (in the range), "målet er nået"; empty without a target above zero."""
        if self.target is None or self.target.max <= 0:
            return ""
        if self.value >= self.target.max:
            return "målet er nået"
        if self.value >= self.target.min and self.target.min != self.target.max:
            return "inden for målet"
        low = _percent(self.value, self.target.max)
        if self.target.min == self.target.max or self.target.min <= 0:
            return f"{low} % af målet"
        high = _percent(self.value, self.target.min)
        return f"{low} % af målet" if low == high else f"{low}–{high} % af målet"

    @property
    def reached(self) -> bool:
        return self.target is not None and self.value >= self.target.min

    @property
    def value_max(self) -> float:
        """The bar's end: the top of the target, or the value if it went beyond."""
        top = self.target.max if self.target is not None else self.value
        return max(top, self.value)

    @property
    def aria_now(self) -> str:
        return _plain(self.value)

    @property
    def aria_max(self) -> str:
        return _plain(self.value_max)

    @property
    def bar_percent(self) -> int:
        return min(100, _percent(self.value, self.value_max)) if self.value_max else 0

    @property
    def range_start_percent(self) -> int | None:
        """Where the target range begins on the bar, when the target is a range."""
        if self.target is None or self.target.min == self.target.max or not self.value_max:
            return None
        return _percent(self.target.min, self.value_max)


@dataclass
class GoalProgress:
    goal: Maal
    steps: list[Progress] = field(default_factory=list)

    @property
    def target_text(self) -> str:
        if self.goal.maalvaerdi is None:
            return ""
        unit = f" {self.goal.enhed}" if self.goal.enhed else ""
        return target_text(self.goal.maalvaerdi) + unit

    @property
    def latest(self) -> Progress | None:
        return self.steps[-1] if self.steps else None


def progress_of(goal: Maal, step: Fremskridt) -> Progress:
    return Progress(step.vaerdi, step.dato, goal.maalvaerdi, goal.enhed, step.note, step.rapport)


def goal_progress(goal: Maal, year: int | None = None) -> GoalProgress:
    """A goal with its measurements (those dated in `year`, when given), oldest first."""
    steps = [s for s in goal.fremskridt if year is None or s.dato.year == year]
    steps.sort(key=lambda s: s.dato.key())
    return GoalProgress(goal, [progress_of(goal, s) for s in steps])


def goals_for_year(goals: list[Maal], year: int) -> list[GoalProgress]:
    """The goals set for `year`, or measured in it; in the order the content gives."""
    return [goal_progress(g, year) for g in goals if g.aar == year or any(s.dato.year == year for s in g.fremskridt)]
