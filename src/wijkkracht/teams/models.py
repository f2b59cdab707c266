from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamQuerySet(models.QuerySet):
    def for_neighbourhood(self, neighbourhood) -> TeamQuerySet:
        return self.filter(kind=Team.Kind.NEIGHBOURHOOD, neighbourhoods=neighbourhood)


class Team(models.Model):
    """A generalist neighbourhood team (0-100 years) or the expert team."""

    class Kind(models.TextChoices):
        NEIGHBOURHOOD = "neighbourhood", _("neighbourhood team")
        EXPERT = "expert", _("expert team")
        INTAKE = "intake", _("intake team (municipality-wide front door)")

    municipality = models.ForeignKey(
        "areas.Municipality", models.PROTECT, related_name="teams", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        models.PROTECT,
        related_name="teams",
        verbose_name=_("organisation"),
        help_text=_("The organisation that employs or hosts the team."),
    )
    neighbourhoods = models.ManyToManyField(
        "areas.Neighbourhood", related_name="teams", verbose_name=_("neighbourhoods"), blank=True
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="TeamMembership",
        related_name="teams",
        verbose_name=_("members"),
    )

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TeamMembership(models.Model):
    team = models.ForeignKey(Team, models.CASCADE, verbose_name=_("team"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, verbose_name=_("member"))
    is_lead = models.BooleanField(_("team lead"), default=False)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="team_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.team}"
