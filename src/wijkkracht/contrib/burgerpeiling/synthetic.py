"""Synthetic Burgerpeiling files in exactly the national data format, for the demo, the
benchmark and tests. Every variable of the 2022 format is written, in its order, with its
format, label and value labels; the answers are invented. Each district gets its own
character (how pleasant, cohesive and safe it is; how much people do for others), so
that the figures differ plausibly between districts.

The file label says it is synthetic: ``SYNTHETIC_LABEL``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from wijkkracht.contrib.burgerpeiling.reader import data_format
from wijkkracht.contrib.burgerpeiling.savwriter import SavVariable, write_sav

SYNTHETIC_LABEL = "SYNTHETISCH: fictieve antwoorden (Wijkkracht-demo)"  # at most 64 bytes
ORGANISATION = 5  # "I & O research" in the format's value labels; any code would do
# Variables respondent_values() answers itself, or that are set per respondent.
KNOWN = frozenset(
    "wl01 wl02_0 wl02_1 wl03_0 wl03_1 wl03_2 wl04 wl05 wl06 zw03 zw04 zw06_0 zw06_1 zw06_2 "
    "zw06_3 zw07 bo01 kw veldwerkmodus org".split()
)


def format_variables() -> list[SavVariable]:
    return [SavVariable(**v) for v in data_format()["variables"]]


@dataclass(frozen=True)
class DistrictSample:
    wijknr: str  # as written in the file, e.g. "WK199901"
    respondents: int
    liveability: float  # about -1.5 (poor) to 1.5 (very good)
    engagement: float  # how much people do for others, same scale


def _category(rng: random.Random, mean: float, cuts: Sequence[float], sd: float = 1.0) -> int:
    """A code 1..len(cuts)+1 from a latent normal value cut at ``cuts`` (ascending)."""
    x = rng.gauss(mean, sd)
    for code, cut in enumerate(cuts, start=1):
        if x < cut:
            return code
    return len(cuts) + 1


def _maybe(rng: random.Random, share: float, code: int, otherwise: int) -> int:
    return code if rng.random() < share else otherwise


def respondent_values(rng: random.Random, district: DistrictSample) -> dict[str, int | None]:
    """Answers of one respondent to the questions the indicators use, and a few that
    hang together with them."""
    q, e = district.liveability, district.engagement
    v: dict[str, int | None] = {}
    mark = round(rng.gauss(7.4 + 0.6 * q, 1.2))
    v["wl01"] = _maybe(rng, 0.02, 11, min(10, max(1, mark)))
    for name in ("wl02_0", "wl02_1", "wl03_0", "wl03_1", "wl03_2"):
        # 1 helemaal eens ... 5 helemaal oneens: a better district leans to "eens".
        v[name] = _maybe(rng, 0.05, 6, _category(rng, -0.5 * q, (-1.2, 0.3, 1.1, 1.9)))
    v["wl04"] = _maybe(rng, 0.02, 6, _category(rng, -0.45 * q, (-0.3, 1.0, 1.7, 2.3)))
    v["wl05"] = _maybe(rng, 0.03, 6, _category(rng, 0.5 * q, (-2.1, -1.5, -0.7, 0.2)))
    v["wl06"] = _maybe(rng, 0.03, 5, _category(rng, 0.3 * q, (-1.6, -0.6, 0.6)))
    v["zw03"] = _maybe(rng, 0.03, 4, _category(rng, -0.25 * q - 0.2 * e, (0.35, 1.3)))
    v["zw04"] = _maybe(rng, 0.04, 5, _category(rng, -0.3 * q, (0.1, 1.2, 1.9)))
    v["zw06_0"] = _category(rng, -0.3 * e, (-1.3, -0.5))
    v["zw06_1"] = _category(rng, -0.4 * e - 0.2 * q, (-1.1, 0.1))
    v["zw06_2"] = _category(rng, -0.4 * e, (-1.4, -0.1))
    v["zw06_3"] = _category(rng, -0.5 * e, (-1.1, -0.5))
    v["zw07"] = _category(rng, -0.5 * e, (-0.9, 0.0, 1.1))
    v["bo01"] = _maybe(rng, 0.05, 6, _category(rng, -0.2 * q, (-1.9, -0.6, 0.5, 1.4)))
    if rng.random() < 0.85:  # an optional question: some skip it
        if rng.random() < 0.12 - 0.04 * e:
            v["zw13_9" if rng.random() < 0.65 else "zw13_10"] = 1
        else:
            chance = min(0.8, max(0.05, 0.35 + 0.12 * e + 0.05 * q))
            for i in range(9):
                if rng.random() < chance * (0.3 if i in (5, 8) else 1.0):
                    v[f"zw13_{i}"] = 1
            if not any(v.get(f"zw13_{i}") for i in range(9)):
                v["zw13_2"] = 1  # "oogje in het zeil houden", the most common answer
    return v


def synthetic_rows(
    *,
    districts: Sequence[DistrictSample],
    gemnr: int,
    year: int,
    seed: int,
    variables: Sequence[SavVariable] | None = None,
) -> list[list]:
    """One row per respondent, the values in the order of ``variables``. The questions
    the indicators use come from ``respondent_values``; the other questions of the format
    get a random answer code (7% unanswered) or, for check boxes, a tick in 20%."""
    variables = list(variables or format_variables())
    names = [v.name for v in variables]
    rng = random.Random(seed)
    total = sum(d.respondents for d in districts)
    columns: list[list | None] = [None] * len(names)
    for i, v in enumerate(variables):
        if not v.value_labels or v.name in KNOWN or v.name.startswith("zw13_"):
            continue
        codes = sorted(int(k) for k in v.value_labels)
        if codes == [1]:  # a check box: ticked or empty
            columns[i] = [1 if r < 0.2 else None for r in _randoms(rng, total)]
        else:
            values = rng.choices(codes, k=total)
            randoms = _randoms(rng, total)
            columns[i] = [None if r < 0.07 else x for r, x in zip(randoms, values, strict=True)]
    at = {name: i for i, name in enumerate(names)}
    rows: list[list] = []
    number = 0
    for district in districts:
        for _r in range(district.respondents):
            row = [None if column is None else column[number] for column in columns]
            number += 1
            for name, value in respondent_values(rng, district).items():
                row[at[name]] = value
            row[at["respondent"]] = number
            row[at["gemnr"]] = gemnr
            row[at["jr"]] = year
            row[at["kw"]] = 1 + (number % 4 == 0)
            row[at["veldwerkmodus"]] = 1 if rng.random() < 0.7 else 2
            row[at["org"]] = ORGANISATION
            row[at["weging"]] = round(max(0.2, rng.gauss(1.0, 0.3)), 3)
            row[at["wijknr"]] = district.wijknr
            rows.append(row)
    return rows


def _randoms(rng: random.Random, count: int) -> list[float]:
    r = rng.random
    return [r() for _ in range(count)]


def write_synthetic_sav(
    path: Path, *, districts: Sequence[DistrictSample], gemnr: int, year: int, seed: int
) -> int:
    """Write a synthetic file in the national format; returns the number of respondents."""
    variables = format_variables()
    rows = synthetic_rows(
        districts=districts, gemnr=gemnr, year=year, seed=seed, variables=variables
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_sav(path, variables, rows, file_label=SYNTHETIC_LABEL)


def district_samples(
    codes: Sequence[str], *, respondents: int, seed: int, minimum: int = 30
) -> list[DistrictSample]:
    """Spread ``respondents`` over the districts (at least ``minimum`` each), each with
    its own character."""
    rng = random.Random(seed)
    shares = [rng.uniform(0.7, 1.3) for _code in codes]
    total = sum(shares)
    return [
        DistrictSample(
            wijknr=code,
            respondents=max(minimum, round(respondents * share / total)),
            liveability=max(-1.5, min(1.5, rng.gauss(0, 0.7))),
            engagement=max(-1.5, min(1.5, rng.gauss(0, 0.6))),
        )
        for code, share in zip(codes, shares, strict=True)
    ]
