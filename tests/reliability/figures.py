"""What the reliability suite did, counted by each scenario and printed at the end of the session.

Every scenario adds the requests it made, the faults it injected or the cases it fuzzed, and what it found:
duplicates (a learner with two live certificates or two files), losses (an eligible learner left without one),
orphans (a stored file no record names) and unexpected outcomes (a 5xx, a crash, a wrong answer). The checks
assert these are zero; the table shows the counts the run reached.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields

COLUMNS = ("requests", "faults", "cases", "duplicates", "losses", "orphans", "unexpected")


@dataclass
class Figures:
    requests: int = 0
    faults: int = 0
    cases: int = 0
    duplicates: int = 0
    losses: int = 0
    orphans: int = 0
    unexpected: int = 0

    def add(self, **counts: int) -> None:
        for name, value in counts.items():
            setattr(self, name, getattr(self, name) + value)


TALLY: dict[str, Figures] = defaultdict(Figures)


def record(scenario: str, **counts: int) -> Figures:
    """Add to a scenario's counts (``requests=200, duplicates=0``…); returns its running figures."""
    TALLY[scenario].add(**counts)
    return TALLY[scenario]


def table() -> list[str]:
    if not TALLY:
        return []
    width = max(len(name) for name in TALLY) + 2
    lines = ["scenario".ljust(width) + "".join(f"{c:>11}" for c in COLUMNS)]
    total = Figures()
    for name, figures in sorted(TALLY.items()):
        lines.append(name.ljust(width) + "".join(f"{getattr(figures, c):>11}" for c in COLUMNS))
        total.add(**{f.name: getattr(figures, f.name) for f in fields(Figures)})
    lines.append("total".ljust(width) + "".join(f"{getattr(total, c):>11}" for c in COLUMNS))
    return lines
