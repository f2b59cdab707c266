"""The people around the case: involved professionals of any organisation (users, who get
access to the household's record while they take part) and the household's own network
(people, not users: family, neighbours, informal carers, volunteers)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.cases import changes
from wijkkracht.cases.models import Case, CaseStatus, NetworkMember, Participant, TimelineEntry


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _open(case: Case) -> None:
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("The case is closed."))


def add_participant(
    *, case: Case, professional, role: str, actor, expected_version: int | None = None
) -> Participant:
    with transaction.atomic():
        fresh = changes.locked(case, actor=actor, expected_version=expected_version)
        _open(fresh)
        if (
            professional is None
            or not professional.is_active
            or not has_capability(professional, Capability.VIEW_RESIDENTS)
            or fresh.municipality_id not in professional.municipality_ids()
            or professional.organisation_id is None
        ):
            raise ValidationError(
                {"professional": _("Choose a professional working in this municipality.")}
            )
        if fresh.participants.filter(professional=professional, until__isnull=True).exists():
            raise ValidationError({"professional": _("This professional already takes part.")})
        role = changes.text(role, "role", _("the role"))[:100]
        participant = Participant.objects.create(
            case=fresh,
            professional=professional,
            organisation_id=professional.organisation_id,
            role=role,
        )
        changes.grant_access(
            fresh,
            professional=professional,
            organisation=professional.organisation,
            reason=_("Takes part in the household case"),
            actor=actor,
        )
        changes.save(fresh, [])
        changes.entry(
            fresh,
            TimelineEntry.Kind.NETWORK,
            _("%(name)s (%(organisation)s) takes part as %(role)s")
            % {
                "name": _name(professional),
                "organisation": professional.organisation.name,
                "role": role,
            },
            actor=actor,
        )
        changes.audit(
            fresh, "add_participant", actor=actor, professional=str(professional.public_id)
        )
    changes.copy_back(case, fresh)
    return participant


def end_participation(
    *, case: Case, participant: Participant, actor, expected_version: int | None = None
) -> Participant:
    """The professional no longer takes part; their access through the case ends (the
    coordinator keeps theirs)."""
    with transaction.atomic():
        fresh = changes.locked(case, actor=actor, expected_version=expected_version)
        participant = (
            Participant.objects.select_for_update()
            .select_related("professional")
            .filter(pk=participant.pk, case=fresh, until__isnull=True)
            .first()
        )
        if participant is None:
            raise ValidationError(_("This professional no longer takes part."))
        participant.until = timezone.localdate()
        participant.save(update_fields=["until"])
        if participant.professional_id != fresh.coordinator_id:
            changes.end_access(fresh, professional=participant.professional, actor=actor)
        changes.save(fresh, [])
        changes.entry(
            fresh,
            TimelineEntry.Kind.NETWORK,
            _("%(name)s no longer takes part") % {"name": _name(participant.professional)},
            actor=actor,
        )
        changes.audit(
            fresh,
            "end_participation",
            actor=actor,
            professional=str(participant.professional.public_id),
        )
    changes.copy_back(case, fresh)
    return participant


def add_network_member(
    *,
    case: Case,
    name: str,
    relation: str,
    actor,
    phone: str = "",
    email: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> NetworkMember:
    with transaction.atomic():
        fresh = changes.locked(case, actor=actor, expected_version=expected_version)
        _open(fresh)
        name = changes.text(name, "name", _("the name"))[:150]
        if relation not in NetworkMember.Relation.values:
            raise ValidationError({"relation": _("Choose the relation.")})
        member = NetworkMember(
            case=fresh,
            name=name,
            relation=relation,
            phone=(phone or "").strip()[:20],
            email=(email or "").strip(),
            note=(note or "").strip()[:300],
        )
        member.full_clean()
        member.save()
        changes.save(fresh, [])
        changes.entry(
            fresh,
            TimelineEntry.Kind.NETWORK,
            _("%(name)s (%(relation)s) added to the network")
            % {"name": name, "relation": member.get_relation_display()},
            actor=actor,
        )
        changes.audit(fresh, "add_network_member", actor=actor, relation=relation)
    changes.copy_back(case, fresh)
    return member


def remove_network_member(
    *, case: Case, member: NetworkMember, actor, expected_version: int | None = None
) -> None:
    with transaction.atomic():
        fresh = changes.locked(case, actor=actor, expected_version=expected_version)
        member = NetworkMember.objects.filter(pk=member.pk, case=fresh).first()
        if member is None:
            raise ValidationError(_("This person is not in the network."))
        name = member.name
        member.delete()
        changes.save(fresh, [])
        changes.entry(
            fresh,
            TimelineEntry.Kind.NETWORK,
            _("%(name)s removed from the network") % {"name": name},
            actor=actor,
        )
        changes.audit(fresh, "remove_network_member", actor=actor)
    changes.copy_back(case, fresh)
