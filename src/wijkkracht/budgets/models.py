"""The discretionary budget ("Hemelse Modder", maatwerkbudget): money per neighbourhood
team or neighbourhood per year, to act fast and account for afterwards.

A ``Budget`` is set by the municipality for one team or one neighbourhood and one year,
with a per-spend limit. A ``Spend`` within the limit is paid at once; above it the team
lead approves first (``budgets.workflow``). Every paid spend is justified afterwards
(what, why, effect) within ``JUSTIFY_WITHIN_DAYS`` and reviewed by the team lead.

Money is ``Decimal`` in euros with two decimals (``budgets.money``), never float.
Change budgets and spends only through the use cases in ``budgets.setting``,
``budgets.spending`` and ``budgets.justification``: they lock, check and audit."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.budgets.money import ZERO, quantize

JUSTIFY_WITHIN_DAYS = 14


class PurposeCategory(models.TextChoices):
    GROCERIES = "groceries", _("groceries and food")
    ARREARS = "arrears", _("preventing rent or energy arrears")
    TRANSPORT = "transport", _("transport")
    CLOTHING_FURNISHING = "clothing_furnishing", _("clothing and furnishing")
    CHILDREN_SCHOOL = "children_school", _("children and school")
    OTHER = "other", _("other")


class SpendStatus(models.TextChoices):
    PENDING = "pending", _("awaiting approval")
    APPROVED = "approved", _("approved, not yet paid")
    PAID = "paid", _("paid")
    REJECTED = "rejected", _("rejected")
    CANCELLED = "cancelled", _("cancelled")


# Money that is promised but not paid: it counts against the budget.
COMMITTED = (SpendStatus.PENDING, SpendStatus.APPROVED)


class JustificationStatus(models.TextChoices):
    NOT_DUE = "not_due", _("not due (nothing paid)")
    DUE = "due", _("to be justified")
    SUBMITTED = "submitted", _("to be reviewed")
    MORE_INFORMATION = "more_information", _("more information asked")
    ACCEPTED = "accepted", _("accepted")


# The spender still owes a justification in these states.
OWED = (JustificationStatus.DUE, JustificationStatus.MORE_INFORMATION)


def _money_sum(condition: Q) -> Coalesce:
    return Coalesce(
        Sum("spends__amount", filter=condition),
        Value(ZERO),
        output_field=models.DecimalField(max_digits=12, decimal_places=2),
    )


class BudgetQuerySet(models.QuerySet):
    def visible_to(self, user) -> BudgetQuerySet:
        """The municipality's budget managers see every budget of their municipalities; a
        team member sees the budgets of their team and of the neighbourhoods it covers."""
        from wijkkracht.accounts.roles import Capability, has_capability
        from wijkkracht.areas.models import Neighbourhood
        from wijkkracht.teams.models import Team

        if not getattr(user, "is_authenticated", False):
            return self.none()
        own = self.filter(municipality_id__in=user.municipality_ids())
        if has_capability(user, Capability.MANAGE_BUDGETS):
            return own
        if not (
            has_capability(user, Capability.SPEND_BUDGET)
            or has_capability(user, Capability.APPROVE_SPEND)
        ):
            return self.none()
        teams = Team.objects.filter(pk__in=user.team_ids(), kind=Team.Kind.NEIGHBOURHOOD)
        return own.filter(
            Q(team__in=teams) | Q(neighbourhood__in=Neighbourhood.objects.filter(teams__in=teams))
        )

    def of_team_ids(self, team_ids) -> BudgetQuerySet:
        """Budgets of these teams or of the neighbourhoods they cover."""
        from wijkkracht.areas.models import Neighbourhood

        return self.filter(
            Q(team_id__in=team_ids)
            | Q(neighbourhood__in=Neighbourhood.objects.filter(teams__in=team_ids))
        )

    def with_figures(self) -> BudgetQuerySet:
        """Spent (paid), committed (awaiting approval or approved, not yet paid) and
        unjustified (paid, justification not accepted yet), in one GROUP BY."""
        today = timezone.localdate()
        paid = Q(spends__status=SpendStatus.PAID)
        owed = paid & ~Q(spends__justification_status=JustificationStatus.ACCEPTED)
        return self.annotate(
            spent_sum=_money_sum(paid),
            committed_sum=_money_sum(Q(spends__status__in=COMMITTED)),
            unjustified_sum=_money_sum(owed),
            spend_count=models.Count("spends"),
            unjustified_count=models.Count("spends", filter=owed),
            overdue_count=models.Count(
                "spends",
                filter=Q(
                    spends__justification_status__in=OWED,
                    spends__justification_due__lt=today,
                ),
            ),
        )


class Budget(models.Model):
    """Money for one neighbourhood team or one neighbourhood in one year."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "areas.Municipality",
        models.PROTECT,
        related_name="budgets",
        verbose_name=_("municipality"),
    )
    team = models.ForeignKey(
        "teams.Team",
        models.PROTECT,
        related_name="budgets",
        verbose_name=_("team"),
        null=True,
        blank=True,
        help_text=_("A budget is for one team or for one neighbourhood, not both."),
    )
    neighbourhood = models.ForeignKey(
        "areas.Neighbourhood",
        models.PROTECT,
        related_name="budgets",
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        help_text=_("The members of the teams covering the neighbourhood spend from it."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (euro)"), max_digits=12, decimal_places=2)
    spend_limit = models.DecimalField(
        _("limit per spend (euro)"),
        max_digits=10,
        decimal_places=2,
        help_text=_("Above this amount the team lead approves a spend first."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("set by")
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("closed by"),
        null=True,
        blank=True,
    )

    objects = BudgetQuerySet.as_manager()

    class Meta:
        verbose_name = _("discretionary budget")
        verbose_name_plural = _("discretionary budgets")
        ordering = ["-year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(team__isnull=False, neighbourhood__isnull=True)
                | Q(team__isnull=True, neighbourhood__isnull=False),
                name="budget_team_or_neighbourhood",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="budget_amount_positive"),
            models.CheckConstraint(
                condition=Q(spend_limit__gt=0), name="budget_spend_limit_positive"
            ),
            models.UniqueConstraint(
                fields=["team", "year"],
                condition=Q(team__isnull=False),
                name="budget_one_per_team_and_year",
            ),
            models.UniqueConstraint(
                fields=["neighbourhood", "year"],
                condition=Q(neighbourhood__isnull=False),
                name="budget_one_per_neighbourhood_and_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder_name} {self.year}"

    @property
    def holder_name(self) -> str:
        return self.team.name if self.team_id else self.neighbourhood.name

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    # The figures below need ``Budget.objects.with_figures()``. Sums come back in cents
    # (SQLite sums decimals as floats; quantizing restores the cents exactly).
    @property
    def spent(self) -> Decimal:
        """Paid."""
        return quantize(self.spent_sum)

    @property
    def committed(self) -> Decimal:
        """Awaiting approval, or approved and not yet paid."""
        return quantize(self.committed_sum)

    @property
    def unjustified(self) -> Decimal:
        """Paid, justification not (yet) accepted."""
        return quantize(self.unjustified_sum)

    @property
    def remaining(self) -> Decimal:
        """What can still be spent."""
        return quantize(self.amount - self.spent - self.committed)

    def covers(self, day: dt.date) -> bool:
        return day.year == self.year


class SpendQuerySet(models.QuerySet):
    def visible_to(self, user) -> SpendQuerySet:
        """A spend's page is for the members of the budget's team(s); budget managers
        see the list of spends on the budget's page, never a household."""
        from wijkkracht.accounts.roles import Capability, has_capability

        if not (
            has_capability(user, Capability.SPEND_BUDGET)
            or has_capability(user, Capability.APPROVE_SPEND)
        ):
            return self.none()
        return self.filter(budget__in=Budget.objects.visible_to(user))

    def overdue(self, today: dt.date | None = None) -> SpendQuerySet:
        today = today or timezone.localdate()
        return self.filter(justification_status__in=OWED, justification_due__lt=today)


class Spend(models.Model):
    """One spend from a budget: paid at once within the limit, else approved first."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    budget = models.ForeignKey(
        Budget, models.PROTECT, related_name="spends", verbose_name=_("budget")
    )
    amount = models.DecimalField(_("amount (euro)"), max_digits=10, decimal_places=2)
    category = models.CharField(
        _("purpose"), max_length=30, choices=PurposeCategory.choices, db_index=True
    )
    spent_on = models.DateField(
        _("date"),
        help_text=_("The day the money was paid; until then the day it was asked for."),
    )
    status = models.CharField(_("status"), max_length=20, choices=SpendStatus.choices)
    spent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="budget_spends",
        verbose_name=_("spent by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    case = models.ForeignKey(
        "cases.Case",
        models.SET_NULL,
        related_name="budget_spends",
        verbose_name=_("case"),
        null=True,
        blank=True,
    )
    household = models.ForeignKey(
        "households.Household",
        models.PROTECT,
        related_name="budget_spends",
        verbose_name=_("household"),
        null=True,
        blank=True,
        help_text=_("The household the spend was for, if any (from its case)."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("approved or rejected by"),
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("approved or rejected at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    justification_status = models.CharField(
        _("justification"),
        max_length=20,
        choices=JustificationStatus.choices,
        default=JustificationStatus.NOT_DUE,
    )
    justification_due = models.DateField(_("justify by"), null=True, blank=True)
    what = models.TextField(_("what was it spent on"), blank=True)
    why = models.TextField(_("why was it needed"), blank=True)
    effect = models.TextField(_("what was the effect"), blank=True)
    justified_at = models.DateTimeField(_("justified at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    objects = SpendQuerySet.as_manager()

    class Meta:
        verbose_name = _("spend")
        verbose_name_plural = _("spends")
        ordering = ["-spent_on", "-pk"]
        indexes = [
            models.Index(fields=["budget", "status"], name="spend_budget_status"),
            models.Index(fields=["budget", "spent_on"], name="spend_budget_date"),
            models.Index(
                fields=["justification_status", "justification_due"], name="spend_justification"
            ),
            models.Index(fields=["spent_by", "justification_status"], name="spend_spender"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="spend_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.amount} ({self.get_status_display()})"

    @property
    def is_owed(self) -> bool:
        """The spender still has to justify it."""
        return self.justification_status in OWED

    @property
    def is_overdue(self) -> bool:
        return (
            self.justification_status in OWED
            and self.justification_due is not None
            and self.justification_due < timezone.localdate()
        )


class SpendEvent(models.Model):
    """The history of a spend, one line per use case, shown on its page."""

    spend = models.ForeignKey(Spend, models.CASCADE, related_name="events", verbose_name=_("spend"))

    class Kind(models.TextChoices):
        SPENT = "spent", _("spent within the limit")
        REQUESTED = "requested", _("approval asked (above the limit)")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        PAID = "paid", _("paid")
        CANCELLED = "cancelled", _("cancelled")
        JUSTIFIED = "justified", _("justified")
        ACCEPTED = "accepted", _("justification accepted")
        MORE_INFORMATION = "more_information", _("more information asked")

    kind = models.CharField(_("what happened"), max_length=40, choices=Kind.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by")
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("spend event")
        verbose_name_plural = _("spend events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.spend_id}: {self.kind}"
