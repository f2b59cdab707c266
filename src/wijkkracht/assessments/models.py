"""Self-reliance assessments (ZRM-style): a score 1..5 per life domain, per assessed
household member, repeated over time. Codes and scores only; the ZRM's descriptive texts
are not ours to copy (see ``SCORE_HINTS`` for our own plain hints)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkkracht.core.life_domains import LifeDomain

SCORES = (1, 2, 3, 4, 5)
SCORE_HINTS = {
    1: _("acute problems, help needed now"),
    2: _("serious problems, not managing alone"),
    3: _("managing just about, with some help"),
    4: _("managing well, little help needed"),
    5: _("fully self-reliant"),
}
BURDEN = (1, 2)
CAPACITY = (4, 5)


class SelfRelianceAssessment(models.Model):
    case = models.ForeignKey(
        "cases.Case", models.CASCADE, related_name="assessments", verbose_name=_("case")
    )
    member = models.ForeignKey(
        "residents.Resident",
        models.PROTECT,
        related_name="+",
        verbose_name=_("assessed household member"),
    )
    assessed_on = models.DateField(_("assessed on"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("assessed by")
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("self-reliance assessment")
        verbose_name_plural = _("self-reliance assessments")
        indexes = [models.Index(fields=["case", "member", "assessed_on"], name="assessment_case")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.member_id} {self.assessed_on}"


class DomainScore(models.Model):
    assessment = models.ForeignKey(
        SelfRelianceAssessment,
        models.CASCADE,
        related_name="scores",
        verbose_name=_("assessment"),
    )
    domain = models.CharField(_("life domain"), max_length=30, choices=LifeDomain.choices)
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("domain score")
        verbose_name_plural = _("domain scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "domain"], name="one_score_per_domain_per_assessment"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="domain_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain}: {self.score}"
