"""Self-reliance pages under /cases/<case>/self-reliance/: the assessments per member
over time with burden versus capacity, progress per domain (chart and table), and the
form to record one. Only for users who may see the case (404 and a denied audit line
otherwise, through ``cases.access``); every read is audited there."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from wijkkracht.accounts.roles import Capability
from wijkkracht.assessments import summary
from wijkkracht.assessments.models import SCORE_HINTS, SCORES, DomainScore, SelfRelianceAssessment
from wijkkracht.assessments.recording import record_assessment
from wijkkracht.cases.access import get_case_for_user
from wijkkracht.cases.models import CaseStatus
from wijkkracht.core.decorators import capability_required
from wijkkracht.core.life_domains import LifeDomain


def assessments_of(case):
    return list(
        SelfRelianceAssessment.objects.filter(case=case)
        .select_related("member", "assessor")
        .prefetch_related(Prefetch("scores", queryset=DomainScore.objects.order_by("pk")))
        .order_by("-assessed_on", "-pk")
    )


@capability_required(Capability.VIEW_RESIDENTS)
@require_safe
def index(request: HttpRequest, case_id) -> HttpResponse:
    case, memberships = get_case_for_user(request.user, case_id)
    assessments = assessments_of(case)
    members = [m.resident for m in memberships]
    summaries = [summary.burden_and_capacity(member, assessments) for member in members]
    return render(
        request,
        "assessments/index.html",
        {
            "case": case,
            "summaries": summaries,
            "assessments": assessments,
            "may_record": case.status != CaseStatus.CLOSED,
        },
    )


@capability_required(Capability.VIEW_RESIDENTS)
@require_safe
def progress(request: HttpRequest, case_id, member_id) -> HttpResponse:
    case, memberships = get_case_for_user(request.user, case_id)
    member = next((m.resident for m in memberships if m.resident.public_id == member_id), None)
    if member is None:
        raise Http404
    dates, rows = summary.progress(member, assessments_of(case))
    return render(
        request,
        "assessments/progress.html",
        {
            "case": case,
            "member": member,
            "dates": dates,
            "rows": rows,
            "width": summary.CHART_WIDTH,
            "height": summary.CHART_HEIGHT,
            "pad_x": summary.PAD_X,
            "right": summary.CHART_WIDTH - summary.PAD_X,
            "grid": summary.y_axis(),
        },
    )


def parse_scores(post) -> tuple[dict[str, int], bool]:
    scores, bad = {}, False
    for domain in LifeDomain.values:
        value = post.get(f"score_{domain}", "")
        if value == "":
            continue
        try:
            scores[domain] = int(value)
        except ValueError:
            bad = True
    return scores, bad


@capability_required(Capability.VIEW_RESIDENTS)
@require_http_methods(["GET", "HEAD", "POST"])
def new(request: HttpRequest, case_id) -> HttpResponse:
    case, memberships = get_case_for_user(
        request.user, case_id, audit_read=request.method != "POST"
    )
    if case.status == CaseStatus.CLOSED:
        raise Http404
    members = {str(m.resident.public_id): m.resident for m in memberships}
    errors: dict[str, list[str]] = {}
    today = timezone.localdate().isoformat()
    values = {"member": "", "assessed_on": today, "note": "", "scores": {}}
    if request.method == "POST":
        values = {
            "member": request.POST.get("member", ""),
            "assessed_on": request.POST.get("assessed_on", ""),
            "note": request.POST.get("note", ""),
        }
        scores, bad = parse_scores(request.POST)
        values["scores"] = scores
        try:
            assessed_on = dt.date.fromisoformat(values["assessed_on"])
        except ValueError:
            assessed_on = None
        try:
            if bad:
                raise ValidationError({"scores": _("A score is a whole number from 1 to 5.")})
            record_assessment(
                case=case,
                member=members.get(values["member"]),
                assessed_on=assessed_on,
                scores=scores,
                note=values["note"],
                actor=request.user,
            )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        else:
            return redirect("assessments:index", case_id=case.public_id)
    domains = [
        {
            "code": domain.value,
            "label": domain.label,
            "choices": [
                (score, SCORE_HINTS[score], values["scores"].get(domain.value) == score)
                for score in SCORES
            ],
        }
        for domain in LifeDomain
    ]
    return render(
        request,
        "assessments/new.html",
        {
            "case": case,
            "members": [m.resident for m in memberships],
            "domains": domains,
            "values": values,
            "errors": errors,
            "hints": sorted(SCORE_HINTS.items()),
        },
        status=400 if errors else 200,
    )
