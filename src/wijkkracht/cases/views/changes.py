"""The changes of a case, one endpoint per use case. A POST fetches the case through the
access helper (404 outside need-to-know), validates the form, calls the use case and
goes back to the case page with a message; a refused change names the reason.

The forms that list people or teams (hand-over, escalation, de-escalation, a professional
taking part, the household's network, closing) are not on the case page: the case page
links to them, and a GET of the same address shows the one form on a small page
(``form_page``), for those who may make the change (403 and a denied audit line for
others who may see the case)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkkracht.accounts.roles import Capability
from wijkkracht.audit.log import record, record_many
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.cases import (
    changes,
    contacts,
    escalation,
    forms,
    handover,
    notes,
    participants,
    transitions,
)
from wijkkracht.cases.access import get_case_for_user
from wijkkracht.cases.models import Case, CaseStatus, NetworkMember, Participant
from wijkkracht.cases.views.detail import render_detail
from wijkkracht.core.decorators import capability_required


def _errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def _handle(
    request: HttpRequest,
    public_id,
    run: Callable[[Case, dict], object],
    *,
    form_class=forms.VersionedForm,
    form_kwargs: Callable[[Case, list], dict] | None = None,
    done: str,
    page: dict | None = None,
    on_case_page: str = "",
) -> HttpResponse:
    """A refused change shows its form again with what was typed and what is wrong:
    ``page``, the change's own form page (``form_page``'s title, submit and intro);
    ``on_case_page``, the name of the form on the case page (``note_form``,
    ``contact_form``). Without either, back to the case page with a message."""
    case, memberships = get_case_for_user(request.user, public_id, audit_read=False)
    back = redirect("cases:detail", public_id=case.public_id)
    kwargs = form_kwargs(case, memberships) if form_kwargs else {}
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        try:
            run(case, form.cleaned_data)
        except PermissionDenied:
            # Someone who may see the case but not make this change (an involved
            # professional of another organisation): a 403, audited like every denial.
            _deny(request, case)
        except ValidationError as exc:
            if page is None and not on_case_page:
                messages.error(request, " ".join(exc.messages))
                return back
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, done)
            return back
    elif page is None and not on_case_page:
        messages.error(request, _errors(form))
        return back
    # The page again, which shows the case's address: audited as a read.
    record_many(
        user=request.user,
        action=Action.READ,
        purpose=Purpose.CARE,
        object_type="case",
        items=[(str(case.public_id), m.resident) for m in memberships]
        or [(str(case.public_id), None)],
    )
    if on_case_page:
        return render_detail(request, case, memberships, status=400, **{on_case_page: form})
    return _render_form(request, case, form, status=400, **page)


def _render_form(
    request, case: Case, form, *, title: str, submit: str, intro: str = "", status: int = 200
) -> HttpResponse:
    return render(
        request,
        "cases/change_form.html",
        {
            "case": case,
            "address": case.household.address,
            "form": form,
            "title": title,
            "submit": submit,
            "intro": intro,
        },
        status=status,
    )


def _deny(request: HttpRequest, case: Case) -> None:
    record(
        user=request.user,
        action=Action.UPDATE,
        purpose=Purpose.CARE,
        object_type="case",
        object_id=str(case.public_id),
        outcome=Outcome.DENIED,
        detail={"step": request.resolver_match.url_name if request.resolver_match else ""},
    )
    raise PermissionDenied


def form_page(
    request: HttpRequest,
    public_id,
    form_class,
    *,
    form_kwargs: Callable[[Case, list], dict] | None = None,
    title: str,
    submit: str,
    intro: str = "",
    show: Callable[[Case], bool] | None = None,
) -> HttpResponse:
    """The page with one change form, posted to the same address. Shows the case's
    address, so the read is audited as on the case page. ``show``: whether the change
    applies to the case now (otherwise back to the case page)."""
    case, memberships = get_case_for_user(request.user, public_id)
    if case.status == CaseStatus.CLOSED or not changes.may_manage(
        request.user, case, known_visible=True
    ):
        _deny(request, case)
    if show is not None and not show(case):
        return redirect("cases:detail", public_id=case.public_id)
    kwargs = form_kwargs(case, memberships) if form_kwargs else {}
    form = form_class(initial={"version": case.version}, **kwargs)
    return _render_form(request, case, form, title=title, submit=submit, intro=intro)


def _escalated(case: Case) -> bool:
    return case.escalations.filter(deescalated_at__isnull=True).exists()


def _version(data: dict):
    return data.get("version")


def _case_form(case, _memberships):
    return {"case": case}


TRANSITIONS = {
    "activate": (transitions.activate, _("The case is active.")),
    "start_evaluation": (transitions.start_evaluation, _("The evaluation has started.")),
    "resume": (transitions.resume, _("The case is active again.")),
}


@capability_required(Capability.VIEW_RESIDENTS)
@require_POST
def transition(request: HttpRequest, public_id, step: str) -> HttpResponse:
    if step not in TRANSITIONS:
        raise Http404
    use_case, done = TRANSITIONS[step]
    return _handle(
        request,
        public_id,
        lambda case, data: use_case(case=case, actor=request.user, expected_version=_version(data)),
        done=str(done),
    )


@capability_required(Capability.VIEW_RESIDENTS)
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, public_id) -> HttpResponse:
    page = {
        "title": _("Close the case"),
        "submit": _("Close the case"),
        "intro": _(
            "Goals achieved or partly achieved only after the evaluation; before that "
            "only moved away, declined or other."
        ),
    }
    if request.method == "GET":
        return form_page(
            request,
            public_id,
            forms.CloseForm,
            **page,
        )
    return _handle(
        request,
        public_id,
        lambda case, data: transitions.close(
            case=case,
            reason=data["reason"],
            note=data["note"],
            actor=request.user,
            expected_version=_version(data),
        ),
        form_class=forms.CloseForm,
        done=_("The case is closed."),
        page=page,
    )


@capability_required(Capability.VIEW_RESIDENTS)
@require_http_methods(["GET", "POST"])
def hand_over(request: HttpRequest, public_id) -> HttpResponse:
    page = {"title": _("Hand over the coordination"), "submit": _("Hand over the coordination")}
    if request.method == "GET":
        return form_page(
            request,
            public_id,
            forms.HandOverForm,
            form_kwargs=_case_form,
            **page,
        )
    return _handle(
        request,
        public_id,
        lambda case, data: handover.hand_over(
            case=case,
            to_user=data["to_user"],
            reason=data["reason"],
            actor=request.user,
            expected_version=_version(data),
        ),
        form_class=forms.HandOverForm,
        form_kwargs=_case_form,
        done=_("The coordination is handed over."),
        page=page,
    )


@capability_required(Capability.VIEW_RESIDENTS)
@require_http_methods(["GET", "POST"])
def escalate(request: HttpRequest, public_id) -> HttpResponse:
    page = {"title": _("Escalate to the expert team"), "submit": _("Escalate to the expert team")}
    if request.method == "GET":
        return form_page(
            request,
            public_id,
            forms.EscalateForm,
            form_kwargs=_case_form,
            show=lambda case: not _escalated(case),
            **page,
        )
    return _handle(
        request,
        public_id,
        lambda case, data: escalation.escalate(
            case=case,
            expert_team=data["expert_team"],
            reason=data["reason"],
            actor=request.user,
            expected_version=_version(data),
        ),
        form_class=forms.EscalateForm,
        form_kwargs=_case_form,
        done=_("The case is escalated to the expert team."),
        page=page,
    )


@capability_required(Capability.VIEW_RESIDENTS)
@require_http_methods(["GET", "POST"])
def deescalate(request: HttpRequest, public_id) -> HttpResponse:
    page = {"title": _("De-escalate"), "submit": _("De-escalate")}
    if request.method == "GET":
        return form_page(
            request,
            public_id,
            forms.DeescalateForm,
            show=_escalated,
            **page,
        )
    return _handle(
        request,
        public_id,
        lambda case, data: escalation.deescalate(
            case=case,
            reason=data["reason"],
            actor=request.user,
            expected_version=_version(data),
        ),
        form_class=forms.DeescalateForm,
        done=_("The case is de-escalated."),
        page=page,
    )


@capability_required(Capability.VIEW_RESIDENTS)
@require_http_methods(["GET", "POST"])
def add_participant(request: HttpRequest, public_id) -> HttpResponse:
    page = {"title": _("Add a professional"), "submit": _("Add a professional")}
    if request.method == "GET":
        return form_page(
            request,
            public_id,
            forms.ParticipantForm,
            form_kwargs=_case_form,
            **page,
        )
    return _handle(
        request,
        public_id,
        lambda case, data: participants.add_participant(
            case=case,
            professional=data["professional"],
            role=data["role"],
            actor=request.user,
            expected_version=_version(data),
        ),
        form_class=forms.ParticipantForm,
        form_kwargs=_case_form,
        done=_("The professional takes part in the case."),
        page=page,
    )


@capability_required(Capability.VIEW_RESIDENTS)
@require_POST
def end_participation(request: HttpRequest, public_id, participant_id: int) -> HttpResponse:
    def run(case, data):
        participant = Participant.objects.filter(pk=participant_id, case=case).first()
        if participant is None:
            raise Http404
        participants.end_participation(
            case=case, participant=participant, actor=request.user, expected_version=None
        )

    return _handle(request, public_id, run, done=_("The professional no longer takes part."))


@capability_required(Capability.VIEW_RESIDENTS)
@require_http_methods(["GET", "POST"])
def add_network_member(request: HttpRequest, public_id) -> HttpResponse:
    page = {"title": _("Add to the network"), "submit": _("Add to the network")}
    if request.method == "GET":
        return form_page(
            request,
            public_id,
            forms.NetworkMemberForm,
            **page,
        )
    return _handle(
        request,
        public_id,
        lambda case, data: participants.add_network_member(
            case=case,
            name=data["name"],
            relation=data["relation"],
            phone=data["phone"],
            email=data["email"],
            note=data["note"],
            actor=request.user,
        ),
        form_class=forms.NetworkMemberForm,
        done=_("Added to the network."),
        page=page,
    )


@capability_required(Capability.VIEW_RESIDENTS)
@require_POST
def remove_network_member(request: HttpRequest, public_id, member_id: int) -> HttpResponse:
    def run(case, data):
        member = NetworkMember.objects.filter(pk=member_id, case=case).first()
        if member is None:
            raise Http404
        participants.remove_network_member(case=case, member=member, actor=request.user)

    return _handle(request, public_id, run, done=_("Removed from the network."))


@capability_required(Capability.VIEW_RESIDENTS)
@require_POST
def add_note(request: HttpRequest, public_id) -> HttpResponse:
    return _handle(
        request,
        public_id,
        lambda case, data: notes.add_note(
            case=case,
            text=data["text"],
            confidentiality=data["confidentiality"],
            member=data["member"],
            actor=request.user,
        ),
        form_class=forms.NoteForm,
        form_kwargs=lambda case, memberships: {"members": [m.resident for m in memberships]},
        done=_("The note is added."),
        on_case_page="note_form",
    )


@capability_required(Capability.VIEW_RESIDENTS)
@require_POST
def register_contact(request: HttpRequest, public_id) -> HttpResponse:
    return _handle(
        request,
        public_id,
        lambda case, data: contacts.register_contact(
            case=case,
            at=data["at"],
            method=data["method"],
            summary=data["summary"],
            member=data["member"],
            actor=request.user,
        ),
        form_class=forms.ContactForm,
        form_kwargs=lambda case, memberships: {"members": [m.resident for m in memberships]},
        done=_("The contact is recorded."),
        on_case_page="contact_form",
    )
