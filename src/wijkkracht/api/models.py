"""Partner systems: API clients with a client id and secret and per-action scopes.

Authentication follows the ZGW API convention used across Dutch government (Open Zaak):
the client signs a short-lived JWT (HS256) with its secret, carrying ``client_id`` and
``iat``; see ``api/authentication.py``. Each client acts as a service user of role
``partner_system`` so that every call is attributed in the audit log."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    INTAKE_CREATE = "intake.create", _("register support questions")
    INTAKE_READ = "intake.read", _("read the support questions it registered")
    INVOLVEMENT_CREATE = "involvement.create", _("report involvement (referral index)")
    CASES_READ = "cases.read", _("read the household cases its organisation is involved in")
    PLANS_READ = "plans.read", _("read the support plans of those cases")


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class ApiClient(models.Model):
    name = models.CharField(_("name"), max_length=150)
    client_id = models.SlugField(_("client id"), max_length=64, unique=True)
    secret = models.CharField(
        _("secret"),
        max_length=128,
        default=new_secret,
        help_text=_("Shared secret for signing the JWT (HS256). Give it to the partner once."),
    )
    scopes = models.JSONField(_("scopes"), default=list, help_text=_("Codes of api.models.Scope."))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="api_client",
        verbose_name=_("service user"),
        help_text=_("Role partner system; its organisation and municipalities apply."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")

    def __str__(self) -> str:
        return self.name

    def has_scope(self, scope: str) -> bool:
        return self.is_active and scope in self.scopes
