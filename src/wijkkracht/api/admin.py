"""API clients (partner systems) in the configuration admin.

Creating a client creates its service user: role partner system, an unusable password,
the chosen organisation and municipalities. The secret is generated and shown once, on
the page after saving (and after "Generate a new secret"); it is never shown again."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.models import Role, User
from wijkkracht.api.models import ApiClient, Scope, new_secret
from wijkkracht.areas.models import Municipality
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.core.admin import ConfigurationAdmin, admin_site, scoped
from wijkkracht.organisations.models import Organisation

SERVICE_USER_PREFIX = "api-"


class ApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"),
        choices=Scope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What this partner system may do."),
    )
    organisation = forms.ModelChoiceField(
        label=_("organisation"),
        queryset=Organisation.objects.none(),
        help_text=_("The partner organisation; its name is on every audit line."),
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("municipalities"),
        queryset=Municipality.objects.none(),
        help_text=_("The municipalities this partner system may work in."),
    )
    contact_email = forms.EmailField(
        label=_("contact e-mail"),
        required=False,
        help_text=_(
            "Functional mailbox of the partner: referral index notices for this system's "
            "reports go here (otherwise to the organisation's address)."
        ),
    )

    class Meta:
        model = ApiClient
        fields = ["name", "client_id", "scopes", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            service_user = self.instance.user
            self.fields["client_id"].disabled = True
            self.initial.setdefault("organisation", service_user.organisation_id)
            self.initial.setdefault(
                "municipalities", list(service_user.municipalities.values_list("pk", flat=True))
            )
            self.initial.setdefault("contact_email", service_user.email)

    def clean_client_id(self) -> str:
        client_id = self.cleaned_data["client_id"]
        if (
            not self.instance.pk
            and User.objects.filter(username=SERVICE_USER_PREFIX + client_id).exists()
        ):
            raise forms.ValidationError(_("An account for this client id exists already."))
        return client_id


@admin.register(ApiClient, site=admin_site)
class ApiClientAdmin(ConfigurationAdmin):
    form = ApiClientForm
    list_display = ["name", "client_id", "organisation_name", "scope_list", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["user__organisation"]
    search_fields = ["name", "client_id"]
    ordering = ["name"]
    fields = [
        "name",
        "client_id",
        "organisation",
        "municipalities",
        "contact_email",
        "scopes",
        "is_active",
    ]
    actions = ["generate_new_secret"]

    @admin.display(description=_("organisation"))
    def organisation_name(self, obj: ApiClient) -> str:
        return obj.user.organisation.name if obj.user.organisation_id else ""

    @admin.display(description=_("scopes"))
    def scope_list(self, obj: ApiClient) -> str:
        return ", ".join(obj.scopes)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.base_fields["organisation"].queryset = scoped(Organisation.objects.all(), request.user)
        form.base_fields["municipalities"].queryset = scoped(
            Municipality.objects.all(), request.user
        )
        return form

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # deactivate instead: questions and audit lines keep naming the client

    @transaction.atomic
    def save_model(self, request, obj: ApiClient, form, change):
        data = form.cleaned_data
        if change:
            service_user = obj.user
        else:
            service_user = User(
                username=SERVICE_USER_PREFIX + obj.client_id, role=Role.PARTNER_SYSTEM
            )
            service_user.set_unusable_password()
            obj.secret = new_secret()
        service_user.first_name = obj.name[:150]
        service_user.organisation = data["organisation"]
        service_user.email = data.get("contact_email", "")
        service_user.is_active = obj.is_active
        service_user.save()
        service_user.municipalities.set(data["municipalities"])
        obj.user = service_user
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        """Show the secret once, instead of the usual redirect."""
        return self._show_secret(request, obj)

    def _show_secret(self, request, obj: ApiClient) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "client": obj,
            "title": _("Secret of %(name)s") % {"name": obj.name},
        }
        response = TemplateResponse(request, "admin/api/apiclient/secret.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description=_("Generate a new secret (the old one stops working)"))
    def generate_new_secret(self, request, queryset):
        clients = list(queryset[:2])
        if len(clients) != 1:
            self.message_user(
                request, _("Choose exactly one API client to renew its secret."), messages.ERROR
            )
            return None
        client = clients[0]
        client.secret = new_secret()
        client.save(update_fields=["secret"])
        record(
            user=request.user,
            action=Action.UPDATE,
            purpose=Purpose.ADMINISTRATION,
            object_type="api.apiclient",
            object_id=str(client.pk),
            detail={"secret": "renewed"},
        )
        return self._show_secret(request, client)
