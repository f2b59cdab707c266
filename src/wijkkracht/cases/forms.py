"""Forms of the case page. Each carries the case version the user saw (optimistic
locking); the use cases do the checking."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.models import Role, User
from wijkkracht.cases.handover import eligible_coordinators
from wijkkracht.cases.models import Case, ClosingReason, NetworkMember, Note
from wijkkracht.cases.widgets import RENDERER
from wijkkracht.intake.models import ContactPreference
from wijkkracht.teams.models import Team


class VersionedForm(forms.Form):
    default_renderer = RENDERER  # widgets rendered in Python (cases.widgets)

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name() or obj.get_username()
        return f"{name} ({obj.organisation.name})" if obj.organisation_id else name


class HandOverForm(VersionedForm):
    to_user = PersonChoiceField(label=_("New coordinator"), queryset=User.objects.none())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = (
            User.objects.filter(
                pk__in=eligible_coordinators(case).values("user_id"), is_active=True
            )
            .exclude(pk=case.coordinator_id)
            .select_related("organisation")
            .order_by("first_name", "last_name", "username")
        )


class EscalateForm(VersionedForm):
    expert_team = forms.ModelChoiceField(label=_("Expert team"), queryset=Team.objects.none())
    reason = forms.CharField(
        label=_("Reason for escalation"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert_team"].queryset = Team.objects.filter(
            municipality_id=case.municipality_id, kind=Team.Kind.EXPERT
        ).order_by("name")


class DeescalateForm(VersionedForm):
    reason = forms.CharField(
        label=_("Reason for de-escalation"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CloseForm(VersionedForm):
    reason = forms.ChoiceField(label=_("Reason for closing"), choices=ClosingReason.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ParticipantForm(VersionedForm):
    """Who may take part: every active professional of the municipality with an
    organisation. Hundreds of them: the choices are read as plain values (no model
    instance per person) and rendered in Python (cases.widgets)."""

    professional = forms.TypedChoiceField(label=_("Professional"), coerce=int, choices=())
    role = forms.CharField(label=_("Role in the case"), max_length=100)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        people = (
            User.objects.filter(
                municipalities=case.municipality_id,
                role__in=[Role.PROFESSIONAL, Role.TEAM_LEAD, Role.DECISION_OFFICER],
                is_active=True,
                organisation__isnull=False,
            )
            .exclude(case_participations__case=case, case_participations__until__isnull=True)
            .order_by("first_name", "last_name", "username")
            .values_list("pk", "first_name", "last_name", "username", "organisation__name")
        )
        self.fields["professional"].choices = [("", "---------")] + [
            (pk, f"{f'{first} {last}'.strip() or username} ({organisation})")
            for pk, first, last, username, organisation in people
        ]

    def clean_professional(self):
        return User.objects.select_related("organisation").get(pk=self.cleaned_data["professional"])


class NetworkMemberForm(VersionedForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    relation = forms.ChoiceField(label=_("Relation"), choices=NetworkMember.Relation.choices)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    note = forms.CharField(label=_("What they do"), max_length=300, required=False)


class NoteForm(VersionedForm):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    confidentiality = forms.ChoiceField(
        label=_("Confidentiality"),
        choices=Note.Confidentiality.choices,
        initial=Note.Confidentiality.NORMAL,
    )
    member = forms.ChoiceField(label=_("About"), required=False)

    def __init__(self, *args, members=(), **kwargs):
        # Both forms are on the case page: their own ids (both have a 'member' field).
        kwargs.setdefault("auto_id", "note_%s")
        super().__init__(*args, **kwargs)
        self.members = {str(m.public_id): m for m in members}
        self.fields["member"].choices = [("", _("the whole household"))] + [
            (key, m.full_name) for key, m in self.members.items()
        ]

    def clean_member(self):
        return self.members.get(self.cleaned_data.get("member") or "")


class ContactForm(VersionedForm):
    at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    method = forms.ChoiceField(label=_("How"), choices=ContactPreference.choices)
    summary = forms.CharField(
        label=_("What it was about"), widget=forms.Textarea(attrs={"rows": 2})
    )
    member = forms.ChoiceField(label=_("With"), required=False)

    def __init__(self, *args, members=(), **kwargs):
        # Both forms are on the case page: their own ids (both have a 'member' field).
        kwargs.setdefault("auto_id", "contact_%s")
        super().__init__(*args, **kwargs)
        self.members = {str(m.public_id): m for m in members}
        self.fields["member"].choices = [("", _("the whole household"))] + [
            (key, m.full_name) for key, m in self.members.items()
        ]

    def clean_member(self):
        return self.members.get(self.cleaned_data.get("member") or "")


class SatisfactionForm(forms.Form):
    """The resident's own opinion at the evaluation: short, plain questions."""

    satisfaction = forms.TypedChoiceField(
        label=_("What mark do you give the help you got?"),
        help_text=_("1 is very bad, 10 is very good."),
        choices=[("", _("Choose a mark"))] + [(str(n), str(n)) for n in range(1, 11)],
        coerce=int,
        error_messages={"required": _("Choose a mark from 1 to 10.")},
    )
    comment = forms.CharField(
        label=_("Do you want to tell us more?"),
        help_text=_("For example: what went well, and what could be better."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )
