from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkkracht.accounts.models import Role, User
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.core.admin import ConfigurationAdmin, admin_site

_STAFF_FIELDS = ("role", "discipline", "organisation", "municipalities")


@admin.register(User, site=admin_site)
class StaffUserAdmin(ConfigurationAdmin, DjangoUserAdmin):
    """Staff accounts only: resident accounts are not shown, nor who a resident account
    belongs to. Roles decide what someone may do; Django's superuser flag, groups and
    per-model permissions are not used and not shown."""

    list_display = ["username", "first_name", "last_name", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active"]
    list_select_related = ["organisation"]
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering = ["username"]
    filter_horizontal = []
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email", "phone")}),
        (_("Work"), {"fields": _STAFF_FIELDS}),
        (_("Access"), {"fields": ("is_active", "is_staff")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "fields": (
                    "username",
                    "usable_password",
                    "password1",
                    "password2",
                    "first_name",
                    "last_name",
                    "email",
                    *_STAFF_FIELDS,
                )
            },
        ),
    ]
    actions = ["reset_second_factor"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "municipalities" in form.base_fields:
            form.base_fields["municipalities"].required = True
        return form

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":
            kwargs["choices"] = [("", "---------")] + [
                choice for choice in Role.choices if choice[0] != Role.RESIDENT
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # deactivate instead: the audit log keeps naming the account

    @admin.action(description=_("Reset the second factor (lost or new phone)"))
    def reset_second_factor(self, request, queryset):
        users = list(queryset)
        TOTPDevice.objects.filter(user__in=users).delete()
        for user in users:
            record(
                user=request.user,
                action=Action.DELETE,
                purpose=Purpose.ADMINISTRATION,
                object_type="otp_totp.totpdevice",
                object_id=str(user.pk),
                detail={"reset_second_factor_of": user.get_username()},
            )
        self.message_user(
            request,
            ngettext(
                "The second factor of %(count)d account was reset; it is set up again at the "
                "next login.",
                "The second factors of %(count)d accounts were reset; they are set up again at "
                "the next login.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )
