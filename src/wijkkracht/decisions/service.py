"""What other apps may call on decisions. Keep it small."""

from __future__ import annotations

from django.utils import timezone

from wijkkracht.decisions.models import Decision, DecisionTask, ResidentNotice

__all__ = ["decisions_of_case", "notices_for_resident", "open_task_count"]


def notices_for_resident(resident, *, limit: int = 10):
    """The notices the resident's own page shows (include
    ``decisions/_resident_notices.html`` with ``decision_notices``): provisions that end
    soon, newest first, only for end dates still to come. One query."""
    return list(
        ResidentNotice.objects.for_resident(resident).filter(end_date__gte=timezone.localdate())[
            :limit
        ]
    )


def decisions_of_case(user, case):
    """The decisions of a case the user may see (for ``decisions/_decision_list.html``).
    The caller audits what it shows."""
    return list(
        Decision.objects.visible_to(user)
        .filter(case=case)
        .select_related("resident", "provision", "provider")
        .order_by("-requested_at", "-pk")
    )


def open_task_count(user) -> int:
    return DecisionTask.objects.open().filter(user=user).count()
