"""What each role may do: the one table. Pages and API endpoints name a capability;
access to a *person* is additionally decided by the access helpers (need-to-know)."""

from __future__ import annotations

from enum import StrEnum

from wijkkracht.accounts.models import Role


class Capability(StrEnum):
    SEARCH_RESIDENTS = "search_residents"  # search among residents one has involvement with
    VIEW_RESIDENTS = "view_residents"  # resident and household pages, need-to-know applies
    BREAK_GLASS = "break_glass"  # emergency access with a written reason
    VIEW_AGGREGATES = "view_aggregates"  # figures only, never a person
    VIEW_AUDIT = "view_audit"  # the audit log and break-glass reviews
    ADMINISTER = "administer"  # configuration in the admin: areas, teams, users
    VIEW_OWN_RECORD = "view_own_record"  # a resident's own data (inzage)
    REGISTER_INTAKE = "register_intake"  # register a support question on someone's behalf
    HANDLE_INTAKE = "handle_intake"  # work a team's intake queue, match to the registry
    REROUTE_INTAKE = "reroute_intake"  # send a question to another team, with a reason
    REGISTER_INVOLVEMENT = "register_involvement"  # report involvement (referral index)
    VIEW_PROVISIONS = "view_provisions"  # the provision catalogue
    MANAGE_PROVISIONS = "manage_provisions"  # keep the catalogue: products, tariffs, providers
    REQUEST_DECISION = "request_decision"  # request a custom provision (five questions first)
    DECIDE = "decide"  # grant, refuse, change and end decisions (beschikkingen)
    SPEND_BUDGET = "spend_budget"  # spend from the team's discretionary budget
    APPROVE_SPEND = "approve_spend"  # approve spends above the limit, review justifications
    MANAGE_BUDGETS = "manage_budgets"  # set budgets per team or neighbourhood per year
    IMPORT_FIGURES = "import_figures"  # import CBS figures, boundaries, Burgerpeiling files
    MANAGE_NEIGHBOURHOOD_PLANS = "manage_neighbourhood_plans"  # district plans (wijkplan)
    MANAGE_INDICATOR_TARGETS = "manage_indicator_targets"  # targets of the ten indicators


CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.RESIDENT: frozenset({Capability.VIEW_OWN_RECORD}),
    Role.PROFESSIONAL: frozenset(
        {
            Capability.SEARCH_RESIDENTS,
            Capability.VIEW_RESIDENTS,
            Capability.BREAK_GLASS,
            Capability.REGISTER_INTAKE,
            Capability.HANDLE_INTAKE,
            Capability.REGISTER_INVOLVEMENT,
            Capability.VIEW_PROVISIONS,
            Capability.REQUEST_DECISION,
            Capability.SPEND_BUDGET,
        }
    ),
    Role.TEAM_LEAD: frozenset(
        {
            Capability.SEARCH_RESIDENTS,
            Capability.VIEW_RESIDENTS,
            Capability.BREAK_GLASS,
            Capability.VIEW_AGGREGATES,
            Capability.REGISTER_INTAKE,
            Capability.HANDLE_INTAKE,
            Capability.REROUTE_INTAKE,
            Capability.REGISTER_INVOLVEMENT,
            Capability.VIEW_PROVISIONS,
            Capability.REQUEST_DECISION,
            Capability.SPEND_BUDGET,
            Capability.APPROVE_SPEND,
            Capability.MANAGE_NEIGHBOURHOOD_PLANS,
        }
    ),
    Role.DECISION_OFFICER: frozenset(
        {
            Capability.SEARCH_RESIDENTS,
            Capability.VIEW_RESIDENTS,
            Capability.BREAK_GLASS,
            Capability.REGISTER_INTAKE,
            Capability.VIEW_PROVISIONS,
            Capability.DECIDE,
        }
    ),
    Role.POLICY_ANALYST: frozenset(
        {
            Capability.VIEW_AGGREGATES,
            Capability.VIEW_PROVISIONS,
            Capability.MANAGE_PROVISIONS,
            Capability.MANAGE_BUDGETS,
            Capability.IMPORT_FIGURES,
            Capability.MANAGE_NEIGHBOURHOOD_PLANS,
            Capability.MANAGE_INDICATOR_TARGETS,
        }
    ),
    Role.PRIVACY_OFFICER: frozenset({Capability.VIEW_AUDIT}),
    Role.FUNCTIONAL_ADMIN: frozenset(
        {
            Capability.ADMINISTER,
            Capability.VIEW_PROVISIONS,
            Capability.MANAGE_PROVISIONS,
            Capability.IMPORT_FIGURES,
        }
    ),
    # A partner system acts through API scopes (api.models.ApiClient), not capabilities.
    Role.PARTNER_SYSTEM: frozenset(),
}


def has_capability(user, capability: Capability) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return capability in CAPABILITIES.get(user.role, frozenset())
