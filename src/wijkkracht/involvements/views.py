from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkkracht.accounts.roles import Capability
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.core.decorators import capability_required
from wijkkracht.involvements.break_glass import break_the_glass
from wijkkracht.involvements.forms import BreakGlassForm
from wijkkracht.residents.models import Resident


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
