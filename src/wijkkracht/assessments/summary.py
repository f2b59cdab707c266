"""Reads for the self-reliance pages: burden versus capacity and progress per domain.
Pure functions over assessments already fetched (a fixed number of queries)."""

from __future__ import annotations

from dataclasses import dataclass, field

from wijkkracht.assessments.models import BURDEN, CAPACITY
from wijkkracht.core.life_domains import LifeDomain

CHART_WIDTH = 600
CHART_HEIGHT = 200
PAD_X = 40
PAD_Y = 20


@dataclass
class MemberSummary:
    member: object
    assessment: object | None
    burden: list[str] = field(default_factory=list)
    capacity: list[str] = field(default_factory=list)


def burden_and_capacity(member, assessments) -> MemberSummary:
    """The member's latest assessment: domains scoring 1–2 are burden, 4–5 capacity."""
    own = [a for a in assessments if a.member_id == member.pk]
    if not own:
        return MemberSummary(member, None)
    latest = max(own, key=lambda a: (a.assessed_on, a.pk))
    summary = MemberSummary(member, latest)
    for score in sorted(latest.scores.all(), key=lambda s: LifeDomain.values.index(s.domain)):
        label = str(LifeDomain(score.domain).label)
        if score.score in BURDEN:
            summary.burden.append(label)
        elif score.score in CAPACITY:
            summary.capacity.append(label)
    return summary


@dataclass
class DomainProgress:
    domain: str
    label: str
    points: list[tuple[object, int]]  # (date, score), oldest first
    svg_points: str = ""
    dots: list[tuple[float, float, int]] = field(default_factory=list)


def progress(member, assessments) -> tuple[list, list[DomainProgress]]:
    """Per life domain the member's scores over time, with the coordinates of a step chart
    (x: assessment order, y: score 1 at the bottom, 5 at the top)."""
    own = sorted(
        (a for a in assessments if a.member_id == member.pk), key=lambda a: (a.assessed_on, a.pk)
    )
    dates = [a.assessed_on for a in own]
    step = (CHART_WIDTH - 2 * PAD_X) / max(len(own) - 1, 1)
    rows = []
    for domain in LifeDomain:
        points = []
        dots = []
        for index, assessment in enumerate(own):
            for score in assessment.scores.all():
                if score.domain == domain.value:
                    points.append((assessment.assessed_on, score.score))
                    x = PAD_X + index * step
                    y = CHART_HEIGHT - PAD_Y - (score.score - 1) * (CHART_HEIGHT - 2 * PAD_Y) / 4
                    dots.append((round(x, 1), round(y, 1), score.score))
        if not points:
            continue
        coords = []
        for i, (x, y, _score) in enumerate(dots):
            if i:
                coords.append(f"{x},{dots[i - 1][1]}")
            coords.append(f"{x},{y}")
        rows.append(
            DomainProgress(
                domain=domain.value,
                label=str(domain.label),
                points=points,
                svg_points=" ".join(coords),
                dots=dots,
            )
        )
    return dates, rows


def y_axis():
    """Grid lines for scores 1..5."""
    return [
        (score, round(CHART_HEIGHT - PAD_Y - (score - 1) * (CHART_HEIGHT - 2 * PAD_Y) / 4, 1))
        for score in range(1, 6)
    ]
