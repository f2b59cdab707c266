"""What a partner system reads of a household case and its support plan.

Never a BSN, never a note (normal or sensitive), never a reason written about the
household (escalation, hand-over, closing note): status, people and their roles, dates,
and the plan's goals and actions as agreed."""

from __future__ import annotations

from itertools import groupby

from rest_framework import serializers

from wijkkracht.cases.models import CaseStatus, ClosingReason
from wijkkracht.core.life_domains import LifeDomain
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.plans.models import ActionStatus, GoalStatus, PerformerKind, SupportPlan


def _one_of(choices) -> str:
    # A plain string with its values listed: a second "status" enum would rename the
    # support question's StatusEnum in the published schema.
    return "One of: " + ", ".join(choices.values) + "."


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


class CaseMemberSerializer(serializers.Serializer):
    """A current member of the household, enough to recognise them; no BSN, no contact
    details."""

    id = serializers.UUIDField(source="resident.public_id")
    given_names = serializers.CharField(source="resident.given_names")
    surname_prefix = serializers.CharField(source="resident.surname_prefix")
    surname = serializers.CharField(source="resident.surname")
    date_of_birth = serializers.DateField(source="resident.date_of_birth", allow_null=True)
    relation = serializers.ChoiceField(choices=HouseholdMembership.Relation.choices)


class CaseHouseholdSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    members = CaseMemberSerializer(source="current_memberships", many=True)


class CoordinatorSerializer(serializers.Serializer):
    name = serializers.SerializerMethodField()
    organisation = serializers.CharField(source="organisation.name", default=None)

    def get_name(self, user) -> str:
        return _name(user)


class ParticipantSerializer(serializers.Serializer):
    """An involved professional of any organisation, with their role in the case."""

    name = serializers.SerializerMethodField()
    organisation = serializers.CharField(source="organisation.name")
    role = serializers.CharField()
    since = serializers.DateField()
    until = serializers.DateField(allow_null=True)

    def get_name(self, participant) -> str:
        return _name(participant.professional)


class EscalationSerializer(serializers.Serializer):
    expert_team = serializers.CharField(source="expert_team.name")
    escalated_at = serializers.DateTimeField()
    deescalated_at = serializers.DateTimeField(allow_null=True)


class PlanSummarySerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="Raised on every save of the plan.")
    updated_at = serializers.DateTimeField()
    agreed_with_resident_on = serializers.DateField(allow_null=True)


class CaseSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    status = serializers.CharField(help_text=_one_of(CaseStatus))
    team = serializers.CharField(
        source="team.name", help_text="The neighbourhood team that keeps the coordination."
    )
    household = CaseHouseholdSerializer()
    coordinator = CoordinatorSerializer()
    participants = ParticipantSerializer(
        many=True, help_text="Involved professionals, current and former (until)."
    )
    escalated = serializers.SerializerMethodField(
        help_text="Whether the case is escalated to the expert team now."
    )
    escalations = EscalationSerializer(many=True, help_text="Newest first.")
    opened_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    closing_reason = serializers.ChoiceField(choices=ClosingReason.choices, allow_blank=True)
    updated_at = serializers.DateTimeField(
        help_text="Last change: status, people, timeline or plan (what updated_since filters)."
    )
    plan = PlanSummarySerializer(allow_null=True, help_text="Null while there is no plan.")

    def get_escalated(self, case) -> bool:
        return any(e.deescalated_at is None for e in case.escalations.all())


# --- the support plan ----------------------------------------------------------------


class PlanActionSerializer(serializers.Serializer):
    what = serializers.CharField()
    performer_kind = serializers.ChoiceField(choices=PerformerKind.choices)
    performer_name = serializers.CharField(allow_blank=True)
    due_on = serializers.DateField(allow_null=True)
    status = serializers.CharField(help_text=_one_of(ActionStatus))
    done_on = serializers.DateField(allow_null=True)


class PlanGoalSerializer(serializers.Serializer):
    description = serializers.CharField(help_text="In the resident's own words where possible.")
    member = serializers.UUIDField(
        allow_null=True, help_text="The household member (id); null: the whole household."
    )
    status = serializers.CharField(help_text=_one_of(GoalStatus))
    actions = PlanActionSerializer(many=True)


class LifeDomainGoalsSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="ZRM life domain code: " + ", ".join(LifeDomain.values) + "."
    )
    label = serializers.CharField()
    goals = PlanGoalSerializer(many=True)


class PlanVersionRefSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    agreed_with_resident_on = serializers.DateField(allow_null=True)


class SupportPlanSerializer(serializers.Serializer):
    case = serializers.UUIDField()
    version = serializers.IntegerField()
    saved_at = serializers.DateTimeField()
    agreed_with_resident_on = serializers.DateField(allow_null=True)
    life_domains = LifeDomainGoalsSerializer(
        many=True, help_text="Goals per ZRM life domain, in the order of the ZRM."
    )


class CurrentSupportPlanSerializer(SupportPlanSerializer):
    versions = PlanVersionRefSerializer(many=True, help_text="Every saved version, newest first.")


def _by_domain(goals: list[dict]) -> list[dict]:
    order = {domain: i for i, domain in enumerate(LifeDomain.values)}
    goals = sorted(goals, key=lambda g: order.get(g["life_domain"], len(order)))
    return [
        {
            "code": domain,
            "label": str(LifeDomain(domain).label) if domain in order else domain,
            "goals": list(items),
        }
        for domain, items in groupby(goals, key=lambda g: g["life_domain"])
    ]


def current_plan_document(case, plan: SupportPlan) -> dict:
    """The plan as it is now, in the shape of ``CurrentSupportPlanSerializer``."""
    goals = plan.goals.select_related("member").prefetch_related("actions__performer_user")
    return {
        "case": case.public_id,
        "version": plan.version,
        "saved_at": plan.updated_at,
        "agreed_with_resident_on": plan.agreed_with_resident_on,
        "life_domains": _by_domain(
            [
                {
                    "life_domain": goal.life_domain,
                    "description": goal.description,
                    "member": goal.member.public_id if goal.member else None,
                    "status": goal.status,
                    "actions": [
                        {
                            "what": action.what,
                            "performer_kind": action.performer_kind,
                            "performer_name": action.performer_name
                            or (_name(action.performer_user) if action.performer_user else ""),
                            "due_on": action.due_on,
                            "status": action.status,
                            "done_on": action.done_on,
                        }
                        for action in goal.actions.all()
                    ],
                }
                for goal in goals
            ]
        ),
        "versions": list(
            plan.versions.order_by("-number").values(
                "number", "created_at", "agreed_with_resident_on"
            )
        ),
    }


_ACTION_KEYS = ("what", "performer_kind", "performer_name", "due_on", "status", "done_on")


def version_document(case, version) -> dict:
    """A saved version from its snapshot (``plans.editing.snapshot_of``), without the
    internal ids and the member's name."""
    goals = [
        {
            "life_domain": goal.get("life_domain", ""),
            "description": goal.get("description", ""),
            "member": goal.get("member"),
            "status": goal.get("status", GoalStatus.OPEN),
            "actions": [
                {key: action.get(key) for key in _ACTION_KEYS}
                | {"performer_name": action.get("performer_name") or ""}
                for action in goal.get("actions", [])
            ],
        }
        for goal in version.snapshot.get("goals", [])
    ]
    return {
        "case": case.public_id,
        "version": version.number,
        "saved_at": version.created_at,
        "agreed_with_resident_on": version.agreed_with_resident_on,
        "life_domains": _by_domain(goals),
    }
