"""The configuration admin: areas, organisations, teams and staff accounts, nothing else.

Only a functional administrator (role ``functional_admin``, ``is_staff``) who passed the
second factor gets in; any other logged-in user gets a 404, anonymous visitors the login
page. Personal data of residents is never registered here, and a functional administrator
sees only the configuration of the municipalities they work for. What may be done is
decided by the role (``accounts.roles``), not by Django's per-model permissions.
"""

from __future__ import annotations

from collections import Counter
from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth.views import redirect_to_login
from django.db import router
from django.http import Http404
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.models import Role
from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose

# The models this admin may show, and the lookup from each to the municipality it
# belongs to (a functional administrator sees only their own municipalities).
MUNICIPALITY_LOOKUPS: dict[str, str] = {
    "areas.municipality": "id",
    "areas.district": "municipality",
    "areas.neighbourhood": "municipality",
    "organisations.organisation": "municipalities",
    "teams.team": "municipality",
    "teams.teammembership": "team__municipality",
    "accounts.user": "municipalities",
    "api.apiclient": "user__municipalities",
}
_MANY_VALUED = {"organisations.organisation", "accounts.user", "api.apiclient"}


def scoped(queryset, user):
    """Limit a configuration queryset to the user's municipalities (staff accounts: never
    resident accounts)."""
    label = queryset.model._meta.label_lower
    lookup = MUNICIPALITY_LOOKUPS[label]
    queryset = queryset.filter(**{f"{lookup}__in": user.municipality_ids()})
    if label == "accounts.user":
        queryset = queryset.exclude(role=Role.RESIDENT)
    if label in _MANY_VALUED:
        queryset = queryset.distinct()
    return queryset


class WijkkrachtAdminSite(admin.AdminSite):
    site_header = _("Wijkkracht configuration")
    site_title = _("Wijkkracht configuration")
    index_title = _("Configuration")
    enable_nav_sidebar = False

    def has_permission(self, request) -> bool:
        user = request.user
        is_verified = getattr(user, "is_verified", None)
        return bool(
            user.is_active
            and user.is_staff
            and has_capability(user, Capability.ADMINISTER)
            and is_verified is not None
            and is_verified()
        )

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            # Logged in but not a functional administrator: this part does not exist.
            if request.user.is_authenticated and not self.has_permission(request):
                raise Http404
            return inner(request, *args, **kwargs)

        return update_wrapper(wrapper, view)

    def login(self, request, extra_context=None):
        """One login for everything: password and second factor (accounts:login)."""
        if request.user.is_authenticated:
            if self.has_permission(request):
                return super().login(request, extra_context)  # redirects to the index
            raise Http404
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url, reverse("accounts:login"))

    def logout(self, request, extra_context=None):
        from wijkkracht.accounts.views import logout_view

        return logout_view(request)


admin_site = WijkkrachtAdminSite(name="admin")


class _RoleBasedPermissions:
    """Permissions follow the role, checked by the site, instead of Django's per-model
    permission rows."""

    def has_module_permission(self, request) -> bool:
        return self.admin_site.has_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self.admin_site.has_permission(request)

    def has_add_permission(self, request, *args) -> bool:
        return self.admin_site.has_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self.admin_site.has_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.admin_site.has_permission(request)

    def _limit_choices(self, db_field, request, kwargs) -> None:
        if db_field.related_model._meta.label_lower in MUNICIPALITY_LOOKUPS:
            kwargs["queryset"] = scoped(db_field.related_model._default_manager, request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._limit_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._limit_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ConfigurationAdmin(_RoleBasedPermissions, admin.ModelAdmin):
    """Base for every model in this admin: scoped to the administrator's municipalities,
    every change written to the audit log, and deleting never lists personal data."""

    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request.user)

    def _audit(self, request, action, obj, message="") -> None:
        record(
            user=request.user,
            action=action,
            purpose=Purpose.ADMINISTRATION,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
        )

    def log_addition(self, request, obj, message):
        self._audit(request, Action.CREATE, obj)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._audit(request, Action.UPDATE, obj)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self._audit(request, Action.DELETE, obj)
        return super().log_deletions(request, queryset)

    def get_deleted_objects(self, objs, request):
        """Deleting configuration can reach personal data (a neighbourhood's addresses, a
        municipality's residents). The confirmation page then names only the kind and the
        number of objects, and deleting is refused when anything outside this admin would
        go with it."""
        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(objs)
        model_count = {
            model._meta.verbose_name_plural: len(found)
            for model, found in collector.model_objs.items()
        }
        perms_needed = set()
        for model in collector.model_objs:
            model_admin = self.admin_site._registry.get(model)
            if model._meta.label_lower not in MUNICIPALITY_LOOKUPS or (
                model_admin is not None and not model_admin.has_delete_permission(request)
            ):
                perms_needed.add(str(model._meta.verbose_name_plural))
        protected_counts = Counter(
            str(capfirst(obj._meta.verbose_name_plural)) for obj in collector.protected
        )
        protected = [f"{name}: {count}" for name, count in sorted(protected_counts.items())]
        to_delete = [f"{capfirst(obj._meta.verbose_name)}: {obj}" for obj in objs]
        return to_delete, model_count, perms_needed, protected


class ConfigurationInline(_RoleBasedPermissions, admin.TabularInline):
    extra = 0
