"""Record a self-reliance assessment: validated, with a timeline line and an audit line."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.assessments.models import SCORES, DomainScore, SelfRelianceAssessment
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.cases.changes import may_work_on
from wijkkracht.cases.models import Case, CaseStatus, TimelineEntry
from wijkkracht.core.life_domains import LifeDomain
from wijkkracht.households.models import HouseholdMembership


def record_assessment(
    *,
    case: Case,
    member,
    assessed_on: dt.date,
    scores: dict[str, int],
    note: str,
    actor,
) -> SelfRelianceAssessment:
    if not may_work_on(actor, case):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("The case is closed."))
    if (
        member is None
        or not HouseholdMembership.objects.filter(
            household_id=case.household_id, resident=member
        ).exists()
    ):
        errors["member"] = _("Choose a member of the household.")
    if assessed_on is None:
        errors["assessed_on"] = _("Fill in the date of the assessment.")
    elif assessed_on > timezone.localdate():
        errors["assessed_on"] = _("An assessment cannot be in the future.")
    clean = {domain: score for domain, score in scores.items() if score is not None}
    if not clean:
        errors["scores"] = _("Score at least one life domain.")
    for domain, score in clean.items():
        if domain not in LifeDomain.values:
            errors["scores"] = _("Unknown life domain.")
        elif score not in SCORES:
            errors["scores"] = _("A score is a whole number from 1 to 5.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assessment = SelfRelianceAssessment.objects.create(
            case=case, member=member, assessed_on=assessed_on, assessor=actor, note=note.strip()
        )
        DomainScore.objects.bulk_create(
            DomainScore(assessment=assessment, domain=domain, score=score)
            for domain, score in clean.items()
        )
        TimelineEntry.objects.create(
            case=case,
            kind=TimelineEntry.Kind.ASSESSMENT,
            actor=actor,
            member=member,
            summary=_("Self-reliance assessed on %(date)s (%(count)d life domains)")
            % {"date": assessed_on.strftime("%d-%m-%Y"), "count": len(clean)},
        )
        record(
            user=actor,
            action=Action.CREATE,
            purpose=Purpose.CARE,
            object_type="self_reliance_assessment",
            object_id=str(case.public_id),
            resident=member,
            detail={"assessment": assessment.pk, "domains": len(clean)},
        )
    return assessment
