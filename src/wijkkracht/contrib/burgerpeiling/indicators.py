"""The standard Burgerpeiling indicators, each computed per respondent as the
definitions say, then aggregated with the weights (``weging``).

Sources, quoted in each function's docstring:

* "Metadata indicatoren WSJG rapportages.xlsx" (VNG, waarstaatjegemeente.nl): the
  published indicators with name, description and unit. Units: ``wsjg_score_bp`` is a
  weighted mean, ``wsjg_stelling_bp`` the share "(helemaal) eens", ``wsjg_mstal_bp``
  "altijd / meestal", ``wsjg_veel_pb`` "(heel) veel", ``wsjg_somsvaak_bp`` "soms / vaak";
  the ``_pin`` breakdowns list the answer categories that make up the base.
* "Definitie samengestelde indicatoren Burgerpeiling WSJG" (VNG): the scale scores and
  the questions (Vraagcodes) they are built from.

Common rules (as in the WSJG reports): "weet niet / geen mening", "wil ik niet zeggen"
and unanswered questions are left out of the base, unless the published breakdown shows
them as a category of their own (zw07: "onbepaald"). A percentage is
``100 * sum(weging of respondents in the category) / sum(weging of respondents in the
base)``, a mean ``sum(weging * answer) / sum(weging)`` over the base. Next to each figure
the unweighted number of respondents in the base is kept.

Each ``score`` function gets one respondent's ``Answers`` and returns that respondent's
contribution (the answer for a mean, 100 or 0 for a percentage) or None when the
respondent is not in the base.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The answer variables kept per respondent, in this order (models.Respondent has one
# field for each; zw13 is the bit mask of the ticked zw13_0 ... zw13_10 options).
ANSWER_FIELDS = (
    "wl01",
    "wl03_0",
    "wl03_1",
    "wl03_2",
    "wl04",
    "wl05",
    "zw03",
    "zw04",
    "zw06_0",
    "zw06_3",
    "zw07",
    "zw13",
    "bo01",
)
ZW13_OPTIONS = tuple(f"zw13_{i}" for i in range(11))
ZW13_HELP = (1 << 9) - 1  # zw13_0 ... zw13_8: a form of help the respondent would give
ZW13_NONE = (1 << 9) | (1 << 10)  # zw13_9 "geen, ik kan ...", zw13_10 "geen, ik wil ..."


class Answers(NamedTuple):
    district_id: int | None
    weight: float
    wl01: int | None
    wl03_0: int | None
    wl03_1: int | None
    wl03_2: int | None
    wl04: int | None
    wl05: int | None
    zw03: int | None
    zw04: int | None
    zw06_0: int | None
    zw06_3: int | None
    zw07: int | None
    zw13: int
    bo01: int | None


PERCENT = "percent"
MARK = "mark"  # a report mark 1-10
SCORE = "score"  # a scale score 0-10


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str | Promise
    unit: str  # PERCENT, MARK or SCORE
    higher_is_better: bool
    questions: tuple[str, ...]
    score: Callable[[Answers], float | None]

    @property
    def definition(self) -> str:
        return (self.score.__doc__ or "").strip()


def _share(answer: int | None, *, yes: set[int], base: set[int]) -> float | None:
    if answer not in base:
        return None
    return 100.0 if answer in yes else 0.0


def pleasant_to_live(a: Answers) -> float | None:
    """wl01 "Woon- en leefomgeving (prettig wonen)": "Waardering van de buurt als
    leefomgeving, uitgedrukt in een gemiddelde score van 1 (zeer onprettig) -10 (zeer
    prettig)." Unit wsjg_score_bp (mean). Question wl01 "Hoe prettig vindt u het om in
    uw buurt te wonen?", marks 1-10; 11 "weet niet / geen mening" is not in the base."""
    return float(a.wl01) if a.wl01 is not None and 1 <= a.wl01 <= 10 else None


COHESION_POINTS = {1: 10.0, 2: 7.5, 3: 5.0, 4: 2.5, 5: 0.0}


def social_cohesion(a: Answers) -> float | None:
    """Social cohesion, scale score 0-10 over the three wl03 statements: wl03_0
    "Buurtbewoners gaan op een prettige manier met elkaar om", wl03_1 "Buurtbewoners
    staan voor elkaar klaar", wl03_2 "Buurtbewoners zijn te vertrouwen" (the definitions
    use wl03_0 and wl03_1 in "Verbondenheid van de buurt (schaalscore)" and
    "Samenredzaamheid buurt"; the metadata publishes wl03_2 as "Onderling vertrouwen").
    As for the WSJG scale scores ("uitgedrukt in een gemiddelde score van 0-10"), each
    answer is scored helemaal eens 10, eens 7.5, niet eens / niet oneens 5, oneens 2.5,
    helemaal oneens 0; 6 "weet niet / geen mening" is left out. A respondent's score is
    the mean of their scored statements, if they scored at least two of the three;
    otherwise they are not in the base."""
    points = [COHESION_POINTS[x] for x in (a.wl03_0, a.wl03_1, a.wl03_2) if x in COHESION_POINTS]
    return sum(points) / len(points) if len(points) >= 2 else None


def feels_safe(a: Answers) -> float | None:
    """wl04 "Voelt zich veilig in de buurt (+)": "De buurt als woon- en leefomgeving is
    veilig." Unit wsjg_mstal_bp: the share answering 1 "ja, (bijna) altijd" or 2 "ja,
    meestal wel", of the answers 1-5 (the breakdown wl04_pin1-5); 6 "weet niet / geen
    mening" is not in the base."""
    return _share(a.wl04, yes={1, 2}, base={1, 2, 3, 4, 5})


def nuisance(a: Answers) -> float | None:
    """wl05 "Mate van overlast van buurtbewoners (+)": "Het percentage inwoners dat
    overlast ervaart van buurtbewoners." Unit wsjg_veel_pb: the share answering 1 "heel
    veel" or 2 "veel", of the answers 1-5 (breakdown wl05_pin1-5); 6 "weet niet / geen
    mening" is not in the base. Lower is better."""
    return _share(a.wl05, yes={1, 2}, base={1, 2, 3, 4, 5})


def loneliness(a: Answers) -> float | None:
    """zw04 "Voelt zich wel eens eenzaam (-)", unit wsjg_somsvaak_bp: the share answering
    2 "ja, soms", 3 "ja, vaak" or 4 "ja, heel vaak", of the answers 1-4; 5 "wil ik niet
    zeggen / weet niet" is not in the base. Lower is better. (The metadata's description
    of zw04 repeats that of zw04_pin1, "nauwelijks of geen gevoelens van eenzaamheid";
    the name and the unit, "(-)" and "soms/vaak", define the figure used here.)"""
    return _share(a.zw04, yes={2, 3, 4}, base={1, 2, 3, 4})


def enough_contacts(a: Answers) -> float | None:
    """zw03_pin1 "Voldoende betekenisvolle contacten (ja, zeker)": the share answering 1
    "ja, zeker" to zw03 "Heeft u voldoende contacten met andere mensen?", of the answers
    1-3 (breakdown zw03_pin1-3); 4 "wil ik niet zeggen / weet niet" is not in the
    base."""
    return _share(a.zw03, yes={1}, base={1, 2, 3})


def informal_care(a: Answers) -> float | None:
    """zw06_0 "Zorg aan een hulpbehoevende naaste (mantelzorg) (laatste 12 mnd)": "Het
    percentage inwoners dat zorg aan een hulpbehoevende naaste verleent." The share
    answering 1 "vaak" or 2 "af en toe", of the answers 1-3 (mz_lev1-3: intensief,
    incidenteel, (vrijwel) nooit). The question has no "weet niet"; unanswered is not in
    the base. Counted as higher is better: mantelzorg is one of the forms of "betekenisvolle
    participatie" in the definitions."""
    return _share(a.zw06_0, yes={1, 2}, base={1, 2, 3})


def willing_to_help_neighbours(a: Answers) -> float | None:
    """zw13 "Waar zou u uw buren mee willen helpen als dat nodig is?" (several answers
    possible), used in "Bereidheid maatschappelijke inzet (schaalscore)": "in hoeverre
    inwoners in de nabije toekomst bereid zijn zich in te zetten voor de leefbaarheid en
    veiligheid van de buurt, burenhulp en vrijwilligerswerk" (with zw13_9 and zw13_10).
    The share who ticked at least one form of help (zw13_0 ... zw13_8), of the
    respondents who ticked anything; zw13_9 "geen, ik kan door mijn situatie geen hulp
    geven" and zw13_10 "geen, ik wil geen hulp geven" count as not willing. The question
    is optional in the questionnaire: nothing ticked is not in the base."""
    if not a.zw13:
        return None
    return 100.0 if a.zw13 & ZW13_HELP else 0.0


def volunteering(a: Answers) -> float | None:
    """zw06_3 "Vrijwilligerswerk (laatste 12 mnd)": "Het percentage inwoners dat
    vrijwilligerswerk doet." The share answering 1 "vaak" or 2 "af en toe", of the
    answers 1-3 (vw_lev1-3: intensief, incidenteel, (vrijwel) nooit); unanswered is not
    in the base."""
    return _share(a.zw06_3, yes={1, 2}, base={1, 2, 3})


def wish_to_volunteer(a: Answers) -> float | None:
    """zw07 "Vrijwilligerswerk (nabije toekomst)": the share answering 1 "ja, zeker" or
    2 "ja, misschien" to "Wilt u vrijwilligerswerk (blijven) doen?". The published
    breakdown zw07_pin1-4 has "(onbepaald)" as its own category, so 4 "weet niet" is in
    the base here (answers 1-4); unanswered is not."""
    return _share(a.zw07, yes={1, 2}, base={1, 2, 3, 4})


def trust_in_municipality(a: Answers) -> float | None:
    """bo01 "Vertrouwen manier waarop de gemeente wordt bestuurd (+)": "Het percentage
    inwoners dat (heel) veel vertrouwen heeft in de manier waarop de gemeente wordt
    bestuurd." Unit wsjg_veel_pb: the share answering 1 "heel veel" or 2 "veel", of the
    answers 1-5; 6 "weet niet / geen mening" is not in the base."""
    return _share(a.bo01, yes={1, 2}, base={1, 2, 3, 4, 5})


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "wl01", _("Pleasant to live in the neighbourhood"), MARK, True, ("wl01",), pleasant_to_live
    ),
    Indicator(
        "wl03_ss",
        _("Social cohesion"),
        SCORE,
        True,
        ("wl03_0", "wl03_1", "wl03_2"),
        social_cohesion,
    ),
    Indicator("wl04", _("Feels safe in the neighbourhood"), PERCENT, True, ("wl04",), feels_safe),
    Indicator("wl05", _("Much nuisance from neighbours"), PERCENT, False, ("wl05",), nuisance),
    Indicator("zw04", _("Feels lonely at times"), PERCENT, False, ("zw04",), loneliness),
    Indicator(
        "zw03",
        _("Has enough contacts with other people"),
        PERCENT,
        True,
        ("zw03",),
        enough_contacts,
    ),
    Indicator("zw06_0", _("Gives informal care"), PERCENT, True, ("zw06_0",), informal_care),
    Indicator(
        "zw13",
        _("Willing to help neighbours"),
        PERCENT,
        True,
        ZW13_OPTIONS,
        willing_to_help_neighbours,
    ),
    Indicator("zw06_3", _("Does volunteer work"), PERCENT, True, ("zw06_3",), volunteering),
    Indicator("zw07", _("Wants to do volunteer work"), PERCENT, True, ("zw07",), wish_to_volunteer),
    Indicator(
        "bo01",
        _("Trusts how the municipality is run"),
        PERCENT,
        True,
        ("bo01",),
        trust_in_municipality,
    ),
)
BY_CODE = {indicator.code: indicator for indicator in INDICATORS}


@dataclass
class Tally:
    """Running sums for one indicator in one area."""

    respondents: int = 0
    weighted_base: float = 0.0
    weighted_sum: float = 0.0

    def add(self, weight: float, score: float) -> None:
        self.respondents += 1
        self.weighted_base += weight
        self.weighted_sum += weight * score

    @property
    def value(self) -> float | None:
        if self.weighted_base <= 0:
            return None
        return self.weighted_sum / self.weighted_base


MUNICIPALITY = None  # the key of the whole municipality in ``tally``


def tally(answers: Iterable[Answers]) -> dict[tuple[int | None, str], Tally]:
    """Sums per (district id, indicator code); district id None is the whole
    municipality, which includes respondents without a district."""
    answers = list(answers)
    sums: dict[tuple[int | None, str], Tally] = {}
    for indicator in INDICATORS:
        per_area: dict[int | None, list] = {}
        for a, score in zip(answers, map(indicator.score, answers), strict=True):
            if score is None:
                continue
            entry = per_area.get(a.district_id)
            if entry is None:
                entry = per_area[a.district_id] = [0, 0.0, 0.0]
            entry[0] += 1
            entry[1] += a.weight
            entry[2] += a.weight * score
        whole = Tally()
        for area, (n, base, total) in per_area.items():
            whole.respondents += n
            whole.weighted_base += base
            whole.weighted_sum += total
            if area is not MUNICIPALITY:
                sums[(area, indicator.code)] = Tally(n, base, total)
        if whole.respondents:
            sums[(MUNICIPALITY, indicator.code)] = whole
    return sums
