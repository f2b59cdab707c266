"""The 13 life domains of the self-reliance matrix (ZRM). Codes and Dutch names only; the
ZRM's descriptive texts are not ours to copy."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LifeDomain(models.TextChoices):
    FINANCES = "finances", _("finances")
    WORK_EDUCATION = "work_education", _("work and education")
    TIME_USE = "time_use", _("use of time")
    HOUSING = "housing", _("housing")
    DOMESTIC_RELATIONS = "domestic_relations", _("domestic relations")
    MENTAL_HEALTH = "mental_health", _("mental health")
    PHYSICAL_HEALTH = "physical_health", _("physical health")
    SUBSTANCE_USE = "substance_use", _("substance use")
    BASIC_ADL = "basic_adl", _("basic activities of daily living")
    INSTRUMENTAL_ADL = "instrumental_adl", _("instrumental activities of daily living")
    SOCIAL_NETWORK = "social_network", _("social network")
    SOCIAL_PARTICIPATION = "social_participation", _("social participation")
    JUSTICE = "justice", _("justice")
