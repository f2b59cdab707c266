from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from wijkkracht.accounts.roles import Capability
from wijkkracht.audit.log import record, record_many
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.core.decorators import capability_required
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.involvements.break_glass import break_the_glass
from wijkkracht.involvements.forms import BreakGlassForm, InvolvementForm
from wijkkracht.involvements.models import Notice
from wijkkracht.involvements.referral_index import contact_for, register_involvement
from wijkkracht.residents.models import Resident
from wijkkracht.teams.models import Team


def find_resident_for_break_glass(*, user, form: BreakGlassForm) -> tuple[Resident | None, int]:
    """Look up the one resident of the user's own municipalities that the form identifies.
    Returns (resident, number of matches up to 2); anything but exactly one match is
    audited as a denied break-the-glass attempt (criteria names only, never values)."""
    matches = list(
        Resident.objects.in_municipalities_of(user).search(**form.search_arguments())[:2]
    )
    if len(matches) == 1:
        return matches[0], 1
    record(
        user=user,
        action=Action.BREAK_GLASS,
        purpose=Purpose.EMERGENCY,
        object_type="resident",
        outcome=Outcome.DENIED,
        detail={"criteria": form.criteria_used(), "matches": "none" if not matches else "several"},
    )
    return None, len(matches)


@capability_required(Capability.BREAK_GLASS)
@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest) -> HttpResponse:
    """Emergency access to a resident outside need-to-know, with a written reason."""
    if request.method != "POST":
        return render(request, "involvements/break_glass.html", {"form": BreakGlassForm()})
    form = BreakGlassForm(request.POST)
    if form.is_valid():
        resident, count = find_resident_for_break_glass(user=request.user, form=form)
        if resident is None and count == 0:
            form.add_error(
                None,
                _(
                    "No resident of your municipality matches these details. Check them and try "
                    "again."
                ),
            )
        elif resident is None:
            form.add_error(
                None,
                _(
                    "More than one resident matches these details. Use the BSN to identify "
                    "exactly one person."
                ),
            )
        elif Resident.objects.visible_to(request.user).filter(pk=resident.pk).exists():
            return redirect("residents:detail", public_id=resident.public_id)
        else:
            try:
                break_the_glass(
                    user=request.user,
                    resident_public_id=resident.public_id,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("residents:detail", public_id=resident.public_id)
    return render(request, "involvements/break_glass.html", {"form": form})


def find_resident_for_involvement(*, user, form: InvolvementForm) -> tuple[Resident | None, int]:
    """The one resident of the user's municipalities the form identifies, or None with the
    number of matches (0 or 2 for "several"). A failed look-up is audited (criteria names
    only); a found resident is audited by ``register_involvement``."""
    matches = list(
        Resident.objects.in_municipalities_of(user).search(**form.search_arguments())[:2]
    )
    if len(matches) == 1:
        return matches[0], 1
    record(
        user=user,
        action=Action.SEARCH,
        purpose=Purpose.CARE,
        object_type="resident",
        outcome=Outcome.DENIED,
        detail={
            "criteria": form.criteria_used(),
            "matches": "none" if not matches else "several",
            "for": "involvement",
        },
    )
    return None, len(matches)


@capability_required(Capability.REGISTER_INVOLVEMENT)
@require_http_methods(["GET", "POST"])
def report_involvement(request: HttpRequest) -> HttpResponse:
    """Report involvement with a resident; the referral index signals other organisations."""
    user = request.user
    teams = Team.objects.filter(pk__in=user.team_ids()).order_by("name")
    if request.method != "POST":
        form = InvolvementForm(teams=teams)
        return render(request, "involvements/report_involvement.html", {"form": form})
    form = InvolvementForm(request.POST, teams=teams)
    if form.is_valid():
        resident, count = find_resident_for_involvement(user=user, form=form)
        if resident is None and count == 0:
            form.add_error(
                None,
                _(
                    "No resident of your municipality matches these details. Check them and try "
                    "again."
                ),
            )
        elif resident is None:
            form.add_error(
                None,
                _(
                    "More than one resident matches these details. Use the BSN to identify "
                    "exactly one person."
                ),
            )
        else:
            household = None
            if form.cleaned_data["whole_household"]:
                households = list(
                    HouseholdMembership.objects.current()
                    .filter(resident=resident)
                    .select_related("household")[:2]
                )
                household = households[0].household if len(households) == 1 else None
            team = teams.filter(pk=form.cleaned_data["team"]).first()
            try:
                involvement = register_involvement(
                    actor=user,
                    resident=resident,
                    household=household,
                    team=team,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                found = len(involvement.new_matches)
                messages.success(
                    request,
                    ngettext(
                        "Your involvement is recorded. A professional of another organisation "
                        "is involved too: see your referral index notices.",
                        "Your involvement is recorded. Professionals of %(count)d other "
                        "organisations are involved too: see your referral index notices.",
                        found,
                    )
                    % {"count": found}
                    if found
                    else _("Your involvement is recorded."),
                )
                if found:
                    return redirect("involvements:matches")
                return redirect("residents:detail", public_id=resident.public_id)
    return render(request, "involvements/report_involvement.html", {"form": form})


@capability_required(Capability.REGISTER_INVOLVEMENT)
@require_safe
def matches(request: HttpRequest) -> HttpResponse:
    """The user's referral index notices: per notice the other side's professional,
    organisation and contact details and the user's own resident. No case content."""
    notices = list(
        Notice.objects.for_user(request.user)
        .select_related(
            "match",
            "involvement__resident",
            "other_involvement__professional",
            "other_involvement__organisation",
            "other_involvement__team",
        )
        .order_by("-created_at", "-pk")
    )
    rows = [
        {
            "notice": notice,
            "resident": notice.involvement.resident,
            "contact": contact_for(notice.other_involvement),
            "expires_on": min(notice.involvement.expires_on, notice.other_involvement.expires_on),
        }
        for notice in notices
    ]
    if notices:
        record_many(
            user=request.user,
            action=Action.READ,
            purpose=Purpose.CARE,
            object_type="referral_notice",
            items=[(str(n.public_id), n.involvement.resident) for n in notices],
        )
    return render(request, "involvements/matches.html", {"rows": rows})
