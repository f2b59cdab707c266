"""The resident's own satisfaction at the evaluation: a mark from 1 to 10 and an open
answer, entered by the resident with their own account (the professional can enter it from
a paper form on the evaluation page, ``plans.evaluation.record_evaluation``).

The mark is stored on the case's ``plans.Evaluation`` (made when the professional has not
recorded the evaluation yet; the results per goal stay the professional's)."""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.cases import changes
from wijkkracht.cases.models import Case, CaseStatus, TimelineEntry
from wijkkracht.households.models import Household

OPEN_FOR = (CaseStatus.EVALUATION, CaseStatus.CLOSED)


def get_case_for_resident(user, public_id) -> Case:
    """The case of the resident's own household, when it is being evaluated or closed; a
    404 and a denied audit line otherwise."""
    case = None
    try:
        key = uuid.UUID(str(public_id))
    except ValueError:
        key = None
    if key is not None and has_capability(user, Capability.VIEW_OWN_RECORD):
        case = (
            Case.objects.filter(
                public_id=key,
                status__in=OPEN_FOR,
                household__in=Household.objects.visible_to(user),
            )
            .select_related("household__address")
            .first()
        )
    if case is None:
        record(
            user=user,
            action=Action.READ,
            purpose=Purpose.CARE,
            object_type="satisfaction",
            object_id=str(key or ""),
            outcome=Outcome.DENIED,
        )
        raise Http404
    return case


def record_satisfaction(*, case: Case, satisfaction: int, comment: str, resident_user):
    """The resident's mark (1-10) and open answer, with a timeline entry and an audit line.
    A later answer replaces an earlier one."""
    from wijkkracht.plans.models import Evaluation

    if case.status not in OPEN_FOR:
        raise ValidationError(_("You can give your opinion once the evaluation has started."))
    if satisfaction is None or not 1 <= int(satisfaction) <= 10:
        raise ValidationError({"satisfaction": _("Choose a mark from 1 to 10.")})
    comment = changes.text(comment, "comment", _("your answer"), required=False)
    with transaction.atomic():
        evaluation = Evaluation.objects.select_for_update().filter(case=case).first()
        created = evaluation is None
        if created:
            evaluation = Evaluation(case=case, evaluated_by=resident_user)
        evaluation.satisfaction = int(satisfaction)
        evaluation.satisfaction_comment = comment
        evaluation.entered_by = Evaluation.EnteredBy.RESIDENT
        if created:
            evaluation.evaluated_at = timezone.now()
        evaluation.save()
        changes.entry(
            case,
            TimelineEntry.Kind.EVALUATION,
            _("Satisfaction given by the resident"),
            actor=resident_user,
            member=resident_user.resident,
        )
        record(
            user=resident_user,
            action=Action.CREATE if created else Action.UPDATE,
            purpose=Purpose.CARE,
            object_type="satisfaction",
            object_id=str(case.public_id),
            resident=resident_user.resident,
            detail={"entered_by": "resident"},
        )
    return evaluation


def cases_to_give_an_opinion_on(user) -> list[Case]:
    """For the resident's own page: the cases of their own household that are being
    evaluated or were closed in the last year, each with ``given`` (a mark is already
    there; the resident may change it)."""
    from django.db.models import Exists, OuterRef

    from wijkkracht.plans.models import Evaluation

    if not has_capability(user, Capability.VIEW_OWN_RECORD):
        return []
    year_ago = timezone.now() - datetime.timedelta(days=365)
    return list(
        Case.objects.filter(
            status__in=OPEN_FOR,
            household__in=Household.objects.visible_to(user),
        )
        .exclude(status=CaseStatus.CLOSED, closed_at__lt=year_ago)
        .annotate(
            given=Exists(Evaluation.objects.filter(case=OuterRef("pk"), satisfaction__isnull=False))
        )
        .only("public_id", "status")
        .order_by("-pk")
    )
