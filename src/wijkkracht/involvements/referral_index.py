"""Referral index (verwijsindex): professionals report their involvement with a resident;
when professionals of two *different* organisations are involved with the same resident,
or with members of the same household, both sides get a notice: in the app and by e-mail,
naming only the other side's professional, organisation and contact details and their
own resident. Never case content: no reason, no question, no plan.

Involvements expire after ``settings.INVOLVEMENT_EXPIRY_DAYS`` without activity
(``Involvement.objects.active()``); an expired involvement matches nothing, and
``manage.py expire_involvements`` ends them for good."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkkracht.accounts.models import User
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.involvements.models import (
    Involvement,
    MatchKind,
    Notice,
    ReferralMatch,
)
from wijkkracht.teams.models import TeamMembership

logger = logging.getLogger(__name__)

REASON_MAX_LENGTH = 200


@dataclass(frozen=True)
class Contact:
    """What a notice may say about the other side."""

    name: str
    organisation: str
    phone: str
    email: str


def contact_for(involvement: Involvement) -> Contact:
    """The other side as shown in a notice: the professional (or, for a partner system,
    the professional it acted for; for a team, the team) and the organisation."""
    professional = involvement.professional
    organisation = involvement.organisation
    name = involvement.contact_name
    if not name and professional is not None and professional.is_staff_role:
        name = professional.get_full_name() or professional.get_username()
    if not name and involvement.team_id:
        name = involvement.team.name
    return Contact(
        name=name,
        organisation=organisation.name,
        phone=(professional.phone if professional else "") or organisation.phone,
        email=(professional.email if professional else "") or organisation.email,
    )


def register_involvement(
    *,
    actor,
    resident,
    household=None,
    team=None,
    organisation=None,
    reason: str,
    contact_name: str = "",
    notify_by_email: bool = True,
    grants_access: bool = False,
) -> Involvement:
    """Record that ``actor`` (a professional, or a partner system's service user) is
    involved with ``resident`` — or with their whole ``household`` — and signal matches
    with other organisations.

    Idempotent per actor and resident while the involvement is active: a second report
    refreshes ``last_activity_at`` instead of creating another one. The returned
    involvement carries ``was_created`` and ``new_matches`` (the matches this call made).
    Notices are e-mailed after the transaction commits.

    A reported involvement is a signal only: it does not open the resident's record to
    the reporter (``grants_access=False``), or anyone could see a person by typing in a
    BSN. Access comes from the team's own work: a question matched to the resident or a
    household case opened (``grants_access=True``, intake)."""
    if resident.municipality_id not in actor.municipality_ids():
        raise PermissionDenied
    organisation = organisation or actor.organisation
    if organisation is None:
        raise ValidationError(_("An involvement needs an organisation."), code="no_organisation")
    if team is not None and (
        team.pk not in actor.team_ids() or team.municipality_id != resident.municipality_id
    ):
        raise ValidationError({"team": _("Choose one of your own teams.")}, code="not_your_team")
    if (
        household is not None
        and not HouseholdMembership.objects.current()
        .filter(household=household, resident=resident)
        .exists()
    ):
        raise ValidationError(
            {"household": _("The resident does not live in this household.")},
            code="not_a_member",
        )
    reason = " ".join((reason or "").split())[:REASON_MAX_LENGTH]
    contact_name = " ".join((contact_name or "").split())[:150]
    now = timezone.now()
    with transaction.atomic():
        involvement = (
            Involvement.objects.active(now)
            .select_for_update()
            .filter(professional=actor, resident=resident)
            .order_by("pk")
            .first()
        )
        if involvement is None:
            involvement = Involvement.objects.create(
                municipality_id=resident.municipality_id,
                resident=resident,
                household=household,
                professional=actor,
                team=team,
                organisation=organisation,
                reason=reason,
                contact_name=contact_name,
                started_on=timezone.localdate(now),
                last_activity_at=now,
                grants_access=grants_access,
            )
            involvement.was_created = True
        else:
            involvement.last_activity_at = now
            involvement.household = involvement.household or household
            involvement.contact_name = contact_name or involvement.contact_name
            involvement.grants_access = involvement.grants_access or grants_access
            involvement.save(
                update_fields=["last_activity_at", "household", "contact_name", "grants_access"]
            )
            involvement.was_created = False
        record(
            user=actor,
            action=Action.CREATE if involvement.was_created else Action.UPDATE,
            purpose=Purpose.CARE,
            object_type="involvement",
            object_id=str(involvement.public_id),
            resident=resident,
            detail={
                "household": involvement.household_id is not None,
                "grants_access": involvement.grants_access,
            },
        )
        involvement.new_matches = _signal_matches(involvement, actor=actor)
        notice_ids = [n.pk for m in involvement.new_matches for n in m.created_notices]
        if notify_by_email and notice_ids:
            transaction.on_commit(lambda: send_notice_emails(notice_ids))
    return involvement


def _signal_matches(involvement: Involvement, *, actor) -> list[ReferralMatch]:
    """Create a match (and notices) for every new pair of this involvement with an active
    involvement of another organisation on the same resident or household."""
    resident_id = involvement.resident_id
    households = set(
        HouseholdMembership.objects.current()
        .filter(resident_id=resident_id)
        .values_list("household_id", flat=True)
    )
    if involvement.household_id:
        households.add(involvement.household_id)
    household_of: dict[int, int] = {}  # resident -> a household shared with ours
    for member_id, household_id in (
        HouseholdMembership.objects.current()
        .filter(household_id__in=households)
        .order_by("household_id")
        .values_list("resident_id", "household_id")
    ):
        household_of.setdefault(member_id, household_id)
    candidates = (
        Involvement.objects.active()
        .filter(municipality_id=involvement.municipality_id)
        .filter(
            Q(resident_id=resident_id)
            | Q(resident_id__in=list(household_of))
            | Q(household_id__in=households)
        )
        .exclude(organisation_id=involvement.organisation_id)
        .exclude(pk=involvement.pk)
        .order_by("pk")
    )
    matches = []
    for other in candidates:
        if other.resident_id == resident_id:
            kind, household_id = MatchKind.PERSON, None
        else:
            kind = MatchKind.HOUSEHOLD
            household_id = (
                other.household_id
                if other.household_id in households
                else household_of.get(other.resident_id, involvement.household_id)
            )
        first, second = sorted((involvement, other), key=lambda i: i.pk)
        match, created = ReferralMatch.objects.get_or_create(
            involvement_a=first,
            involvement_b=second,
            defaults={
                "municipality_id": involvement.municipality_id,
                "kind": kind,
                "resident_id": resident_id if kind == MatchKind.PERSON else None,
                "household_id": household_id,
            },
        )
        if not created:
            continue
        notices: dict[int, Notice] = {}
        for own, far in ((involvement, other), (other, involvement)):
            for user_id in _recipients(own):
                notices.setdefault(
                    user_id,
                    Notice(
                        match=match, recipient_id=user_id, involvement=own, other_involvement=far
                    ),
                )
        match.created_notices = Notice.objects.bulk_create(list(notices.values()))
        record(
            user=actor,
            action=Action.CREATE,
            purpose=Purpose.CARE,
            object_type="referral_match",
            object_id=str(match.public_id),
            resident=involvement.resident,
            detail={"kind": str(kind), "notices": len(match.created_notices)},
        )
        matches.append(match)
    return matches


def _recipients(involvement: Involvement) -> list[int]:
    """The involvement's professional; for a team's involvement, the team's members."""
    if involvement.professional_id:
        return [involvement.professional_id]
    return list(
        TeamMembership.objects.filter(team_id=involvement.team_id, user__is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


def send_notice_emails(notice_ids: list[int]) -> int:
    """Plain-text e-mail per notice, with the same minimal content as the page. A failing
    mail server is logged (without personal data) and leaves ``emailed_at`` empty."""
    notices = Notice.objects.filter(pk__in=notice_ids, emailed_at__isnull=True).select_related(
        "recipient__organisation",
        "involvement__resident",
        "other_involvement__professional",
        "other_involvement__organisation",
        "other_involvement__team",
    )
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for notice in notices:
            address = notice.recipient.email or _organisation_email(notice.recipient)
            if not address:
                continue
            try:
                send_mail(
                    subject=_("Referral index: another organisation is involved"),
                    message=notice_text(notice),
                    from_email=None,
                    recipient_list=[address],
                )
            except Exception:  # noqa: BLE001 - the notice stays visible in the app
                logger.warning("referral index notice %s could not be e-mailed", notice.pk)
                continue
            Notice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())
            sent += 1
    return sent


def _organisation_email(user: User) -> str:
    return user.organisation.email if user.organisation_id else ""


def notice_text(notice: Notice) -> str:
    contact = contact_for(notice.other_involvement)
    resident = notice.involvement.resident.full_name
    if notice.match.kind == MatchKind.HOUSEHOLD:
        intro = _(
            "A professional of another organisation is involved with a member of the "
            "household of %(resident)s."
        ) % {"resident": resident}
    else:
        intro = _("A professional of another organisation is also involved with %(resident)s.") % {
            "resident": resident
        }
    lines = [
        intro,
        "",
        _("Contact:"),
        f"  {_('Name')}: {contact.name or '-'}",
        f"  {_('Organisation')}: {contact.organisation}",
        f"  {_('Phone')}: {contact.phone or '-'}",
        f"  {_('E-mail')}: {contact.email or '-'}",
        "",
        _(
            "Get in touch to coordinate your support. This message holds no case information; "
            "share only what the resident agrees to."
        ),
    ]
    return "\n".join(lines)
