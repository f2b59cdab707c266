"""The fixed demo accounts: one per role, documented in README and printed by
``manage.py demo``. Staff accounts get a confirmed TOTP device; pass the second factor
with ``manage.py totp_code <username>``."""

from __future__ import annotations

from dataclasses import dataclass

from wijkkracht.accounts.models import Discipline, Role
from wijkkracht.organisations.models import Organisation

DEFAULT_PASSWORD = "wijkkracht-demo"  # noqa: S105 - a documented demo password


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    first_name: str
    last_name: str
    organisation_kind: Organisation.Kind | None
    discipline: str = ""
    in_first_team: bool = False
    in_second_team: bool = False
    is_lead: bool = False
    is_staff: bool = False


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "regisseur",
        Role.PROFESSIONAL,
        "Sanne",
        "de Wit",
        Organisation.Kind.SOCIAL_WORK,
        Discipline.SOCIAL_WORKER,
        in_first_team=True,
    ),
    DemoAccount(
        "collega",
        Role.PROFESSIONAL,
        "Youssef",
        "El Amrani",
        Organisation.Kind.YOUTH_CARE,
        Discipline.YOUTH_FAMILY_COACH,
        in_first_team=True,
    ),
    DemoAccount(
        "anderteam",
        Role.PROFESSIONAL,
        "Jeroen",
        "Visser",
        Organisation.Kind.SOCIAL_WORK,
        Discipline.DEBT_COUNSELLOR,
        in_second_team=True,
    ),
    DemoAccount(
        "teamleider",
        Role.TEAM_LEAD,
        "Marieke",
        "Jansen",
        Organisation.Kind.SOCIAL_WORK,
        Discipline.SOCIAL_WORKER,
        in_first_team=True,
        is_lead=True,
    ),
    DemoAccount(
        "beschikker", Role.DECISION_OFFICER, "Peter", "van Dijk", Organisation.Kind.MUNICIPALITY
    ),
    DemoAccount("beleid", Role.POLICY_ANALYST, "Noor", "Hendriks", Organisation.Kind.MUNICIPALITY),
    DemoAccount("privacy", Role.PRIVACY_OFFICER, "Ahmed", "Kaya", Organisation.Kind.MUNICIPALITY),
    DemoAccount(
        "beheer",
        Role.FUNCTIONAL_ADMIN,
        "Linda",
        "Bos",
        Organisation.Kind.MUNICIPALITY,
        is_staff=True,
    ),
    DemoAccount("inwoner", Role.RESIDENT, "", "", None),
)
COORDINATOR_USERNAME = "regisseur"
RESIDENT_USERNAME = "inwoner"


def existing_accounts() -> list:
    """The demo accounts as they are in the database (for ``demo --logins``)."""
    from wijkkracht.accounts.models import User
    from wijkkracht.demo.generator import CreatedAccount

    names = [a.username for a in DEMO_ACCOUNTS]
    users = {
        u.username: u
        for u in User.objects.filter(username__in=names).select_related("organisation")
    }
    return [
        CreatedAccount(
            username=u.username,
            role=u.get_role_display(),
            organisation=u.organisation.name if u.organisation_id else "",
            needs_second_factor=u.needs_second_factor,
        )
        for name in names
        if (u := users.get(name)) is not None
    ]
