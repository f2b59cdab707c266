"""Matching a support question to the registry.

``candidates`` proposes residents of the question's municipality with a confidence and
the reasons for it; nothing is ever linked automatically. A professional confirms one
with ``confirm_match``, which links the question and gives the question's team
need-to-know through an involvement. Candidates carry only identifying data (name,
date of birth, address); showing them is audited by the caller, one line per candidate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.audit.log import record, record_many
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.intake.models import SupportRequest
from wijkkracht.involvements.models import Involvement
from wijkkracht.involvements.referral_index import register_involvement
from wijkkracht.residents.models import Resident, normalise_name
from wijkkracht.teams.models import Team

MAX_CANDIDATES = 10
# Residents born on the same day in one municipality: a few dozen at most in the largest.
MAX_EXAMINED = 500

REASON_BSN = gettext_lazy("BSN")
REASON_SURNAME = gettext_lazy("surname")
REASON_DATE_OF_BIRTH = gettext_lazy("date of birth")
REASON_POSTCODE = gettext_lazy("postcode")
REASON_HOUSE_NUMBER = gettext_lazy("house number")


@dataclass
class Candidate:
    resident: Resident
    confidence: float
    reasons: list[str] = field(default_factory=list)

    @property
    def percentage(self) -> int:
        return round(self.confidence * 100)

    @property
    def addresses(self) -> list:
        return [m.household.address for m in getattr(self.resident, "current_memberships", [])]


def surname_matches(given: str, resident: Resident) -> bool:
    """Does the free-text name of the question end with the resident's surname?
    "Fatima Bakker", "F. van der Bakker" and "Bakker, Fatima" all match Bakker."""
    key = normalise_name(given)
    if "," in key:
        key = key.split(",", 1)[0].strip()
    surname = resident.search_surname
    if not key or not surname:
        return False
    words = " ".join(key.replace(".", " ").split())
    return words == surname or words.endswith(" " + surname)


def _score(support_request: SupportRequest, resident: Resident) -> Candidate | None:
    if support_request.bsn and resident.bsn == support_request.bsn:
        return Candidate(resident, 1.0, [str(REASON_BSN)])
    same_dob = (
        support_request.date_of_birth is not None
        and resident.date_of_birth == support_request.date_of_birth
    )
    if not same_dob:
        return None
    same_surname = bool(support_request.name) and surname_matches(support_request.name, resident)
    addresses = [m.household.address for m in resident.current_memberships]
    same_postcode = bool(support_request.postcode) and any(
        a.postcode == support_request.postcode for a in addresses
    )
    same_address = same_postcode and any(
        a.postcode == support_request.postcode and a.house_number == support_request.house_number
        for a in addresses
    )
    if same_surname and same_postcode:
        reasons = [REASON_SURNAME, REASON_DATE_OF_BIRTH, REASON_POSTCODE]
        if same_address:
            reasons.append(REASON_HOUSE_NUMBER)
        return Candidate(resident, 0.9, [str(r) for r in reasons])
    if same_surname:
        return Candidate(resident, 0.6, [str(REASON_SURNAME), str(REASON_DATE_OF_BIRTH)])
    if same_address:
        reasons = [REASON_DATE_OF_BIRTH, REASON_POSTCODE, REASON_HOUSE_NUMBER]
        return Candidate(resident, 0.5, [str(r) for r in reasons])
    return None


def candidates(support_request: SupportRequest) -> list[Candidate]:
    """Residents of the question's municipality that may be the person asking, best
    first: exact BSN 100%; surname + date of birth + postcode 90%; surname + date of
    birth 60%; date of birth + postcode and house number 50%. At most MAX_CANDIDATES."""
    condition = Q()
    if support_request.bsn:
        condition |= Q(bsn=support_request.bsn)
    if support_request.date_of_birth:
        condition |= Q(date_of_birth=support_request.date_of_birth)
    if not condition:
        return []
    residents = (
        Resident.objects.filter(condition, municipality_id=support_request.municipality_id)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=HouseholdMembership.objects.current().select_related("household__address"),
                to_attr="current_memberships",
            )
        )
        .order_by("pk")[:MAX_EXAMINED]
    )
    found = [c for c in (_score(support_request, r) for r in residents) if c is not None]
    found.sort(key=lambda c: (-c.confidence, c.resident.search_surname, c.resident.pk))
    return found[:MAX_CANDIDATES]


def may_match(user, support_request: SupportRequest) -> bool:
    """May this user see match candidates and confirm one? Only who works the question:
    members of its team, the professional it is assigned to, and for the
    municipality-wide queue the members of the municipality's intake team. Stricter
    than ``handling.may_handle``: someone who only registered the question may not
    browse the registry for it."""
    if not has_capability(user, Capability.HANDLE_INTAKE):
        return False
    if support_request.municipality_id not in user.municipality_ids():
        return False
    if support_request.assigned_to_id == user.pk:
        return True
    if support_request.team_id is not None:
        return support_request.team_id in user.team_ids()
    return Team.objects.filter(
        pk__in=user.team_ids(),
        kind=Team.Kind.INTAKE,
        municipality_id=support_request.municipality_id,
    ).exists()


def record_candidates_shown(*, user, support_request: SupportRequest, shown: list[Candidate]):
    """One audit line per candidate shown (purpose intake); one line without a resident
    when there were none, so the look-up itself is on record."""
    record_many(
        user=user,
        action=Action.SEARCH,
        purpose=Purpose.INTAKE,
        object_type="resident",
        items=[(str(c.resident.public_id), c.resident) for c in shown] or [("", None)],
        detail={
            "support_request": str(support_request.public_id),
            "results": len(shown),
            "match_candidates": True,
        },
    )


def confirm_match(*, support_request: SupportRequest, resident: Resident, actor) -> Involvement:
    """A professional confirms that the question is about ``resident``. Links the
    question, and registers the involvement of the actor and the question's team with
    the resident and their current household in the referral index, so the team gets
    need-to-know and other organisations involved get a match notice."""
    if support_request.resident_id is not None:
        raise ValidationError(
            _("This question is already linked to a resident."), code="already_matched"
        )
    if resident.municipality_id != support_request.municipality_id:
        raise ValidationError(
            _("This resident does not live in the municipality of the question."),
            code="other_municipality",
        )
    team = support_request.team
    if team is not None and team.pk not in actor.team_ids():
        team = None  # assigned to someone outside the team: only they become involved
    membership = (
        HouseholdMembership.objects.current()
        .filter(resident=resident)
        .select_related("household")
        .order_by("-started_on", "-pk")
        .first()
    )
    with transaction.atomic():
        locked = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
        if locked.resident_id is not None:
            raise ValidationError(
                _("This question is already linked to a resident."), code="already_matched"
            )
        locked.resident = resident
        locked.save(update_fields=["resident"])
        support_request.resident = resident
        record(
            user=actor,
            action=Action.UPDATE,
            purpose=Purpose.INTAKE,
            object_type="support_request",
            object_id=str(support_request.public_id),
            resident=resident,
            detail={"match": "confirmed"},
        )
        involvement = register_involvement(
            actor=actor,
            resident=resident,
            household=membership.household if membership is not None else None,
            team=team,
            organisation=team.organisation if team is not None else None,
            grants_access=True,  # the team works with this resident now
            reason=_("Intake %(reference)s") % {"reference": support_request.reference},
        )
    return involvement


def leave_unmatched(*, support_request: SupportRequest, actor) -> None:
    """The professional decided that no candidate is the person asking: the question
    stays without a resident. Recorded, so the decision can be traced."""
    record(
        user=actor,
        action=Action.UPDATE,
        purpose=Purpose.INTAKE,
        object_type="support_request",
        object_id=str(support_request.public_id),
        detail={"match": "none"},
    )
