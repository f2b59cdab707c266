"""The neighbourhood monitor (issue 6): the overview of all districts read from the
precomputed figures, and recomputing every indicator and profile figure."""

from __future__ import annotations

import time

TITLE = "Neighbourhood monitor"
DESCRIPTION = """\
The demo municipality with two years of case history behind the monitor (about 8% of
the households with a case: question, plan, goals and actions, assessments, evaluation).
*monitor_all_districts*: the policy analyst's overview page of the ten indicators for
every district (`/monitor/`, one query on the precomputed figures), cycling through the
quarters. *profile_page*: the neighbourhood profile of a district. *recompute_s*: one
full `recompute_monitor` of the municipality (every indicator, every quarter, every
area, team and provider, disclosure control, replace-all in one transaction).
"""
TARGETS = (
    (1_000_000, "monitor_all_districts", "p95", 300, "monitor of all districts p95 ≤ 300 ms"),
    (1_000_000, "recompute_s", None, 60, "recomputing every indicator ≤ 60 s"),
)
SIZES = {1_000_000}


def run(ctx) -> dict:
    from wijkkracht.accounts.models import Role, User
    from wijkkracht.areas.models import District
    from wijkkracht.monitor.pages import quarters
    from wijkkracht.monitor.recompute import recompute_municipality

    started = time.perf_counter()
    outcome = recompute_municipality(ctx.municipality)
    recompute_s = round(time.perf_counter() - started, 2)
    ctx.log(f"recomputed {outcome['figures']:,} figures in {recompute_s} s")
    ctx.analyze()
    analyst = User.objects.filter(role=Role.POLICY_ANALYST, municipalities=ctx.municipality).first()
    client = ctx.client_for(analyst)
    periods = [str(q) for q in quarters()]

    def overview(period):
        response = client.get("/monitor/", {"period": period})
        assert response.status_code == 200, response.status_code

    districts = list(
        District.objects.filter(municipality=ctx.municipality).values_list("code", flat=True)
    )

    def profile(code):
        response = client.get(f"/monitor/areas/{code}/")
        assert response.status_code == 200, response.status_code

    return {
        "monitor_all_districts": ctx.percentiles(ctx.timed(overview, periods)),
        "profile_page": ctx.percentiles(ctx.timed(profile, districts)),
        "recompute_s": recompute_s,
        "figures": outcome["figures"],
    }
