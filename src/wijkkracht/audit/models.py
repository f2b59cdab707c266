"""The audit log (NEN 7513, BIO 8.15): one append-only, hash-chained line per access.

Write lines only through ``wijkkracht.audit.log.record``. Lines cannot be updated or
deleted through the application (model and queryset refuse) nor, on PostgreSQL, through
SQL (trigger, migration 0002). ``manage.py audit_verify`` walks the chain."""

from __future__ import annotations

import hashlib
import json

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLogIsAppendOnly(Exception):
    pass


class Action(models.TextChoices):
    READ = "read", _("read")
    SEARCH = "search", _("search")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    EXPORT = "export", _("export")
    LOGIN = "login", _("log in")
    LOGIN_FAILED = "login_failed", _("failed log in")
    LOGOUT = "logout", _("log out")
    BREAK_GLASS = "break_glass", _("break the glass")


class Outcome(models.TextChoices):
    ALLOWED = "allowed", _("allowed")
    DENIED = "denied", _("denied")


class Purpose(models.TextChoices):
    CARE = "care", _("support and care")
    INTAKE = "intake", _("intake")
    EMERGENCY = "emergency", _("emergency access")
    OWN_RECORD = "own_record", _("own record (subject access)")
    SUPERVISION = "supervision", _("privacy supervision")
    ADMINISTRATION = "administration", _("administration")
    AUTHENTICATION = "authentication", _("authentication")


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("audit lines cannot be changed")

    def delete(self):
        raise AuditLogIsAppendOnly("audit lines cannot be deleted")

    def _raw_delete(self, using):
        raise AuditLogIsAppendOnly("audit lines cannot be deleted")


class AuditEntry(models.Model):
    seq = models.BigIntegerField(_("sequence number"), unique=True)
    timestamp = models.DateTimeField(_("time"), db_index=True)
    user_id_value = models.BigIntegerField(_("user id"), null=True, db_index=True)
    username = models.CharField(_("user"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=30, blank=True)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    on_behalf_of = models.CharField(_("on behalf of"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=50, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    resident_pseudonym = models.CharField(
        _("resident (pseudonymous id)"),
        max_length=36,
        blank=True,
        db_index=True,
        help_text=_("The resident's pseudonymous id; never a BSN."),
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    ip = models.CharField(_("IP address"), max_length=45, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit line")
        verbose_name_plural = _("audit lines")
        ordering = ["-seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type} {self.outcome}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly("audit lines cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("audit lines cannot be deleted")

    def compute_hash(self) -> str:
        return chain_hash(self.seq, self.hash_body(), self.prev_hash)

    def hash_body(self) -> str:
        """Everything the hash covers apart from the line's number and the previous hash,
        in a fixed order. PostgreSQL's ``wijkkracht_audit_append`` (migration 0003) chains
        these bodies the same way as ``chain_hash``."""
        before, after = hash_body_parts(**{name: getattr(self, name) for name in SHARED_FIELDS})
        return SEPARATOR.join([before, self.object_id, self.resident_pseudonym, after])


SEPARATOR = "\x1f"
# The fields every line of one ``record_many`` call shares: all but the object id and the
# resident's pseudonym.
SHARED_FIELDS = (
    "timestamp",
    "user_id_value",
    "username",
    "role",
    "organisation",
    "on_behalf_of",
    "action",
    "object_type",
    "purpose",
    "outcome",
    "ip",
    "request_id",
    "detail",
)


def hash_body_parts(
    *,
    timestamp,
    user_id_value,
    username,
    role,
    organisation,
    on_behalf_of,
    action,
    object_type,
    purpose,
    outcome,
    ip,
    request_id,
    detail,
) -> tuple[str, str]:
    """The body's fields before and after (object id, resident pseudonym): the same for
    every line of one ``record_many`` call, so they are joined once."""
    before = SEPARATOR.join(
        [
            timestamp.isoformat(timespec="microseconds"),
            "" if user_id_value is None else str(user_id_value),
            username,
            role,
            organisation,
            on_behalf_of,
            action,
            object_type,
        ]
    )
    after = SEPARATOR.join(
        [
            purpose,
            outcome,
            ip,
            request_id,
            json.dumps(detail, sort_keys=True, separators=(",", ":")),
        ]
    )
    return before, after


def chain_hash(seq: int, body: str, prev_hash: str) -> str:
    """SHA-256 of the line number, its body and the previous line's hash, joined by the
    unit separator (0x1F)."""
    return hashlib.sha256(SEPARATOR.join([str(seq), body, prev_hash]).encode()).hexdigest()


class AuditChainHead(models.Model):
    """The newest line's number and hash: the lock that keeps the chain in order, and the
    anchor that shows when lines were removed from the end."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"head #{self.seq}"
