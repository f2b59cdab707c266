import datetime as dt
from decimal import Decimal

from django.utils import timezone

from wijkkracht.budgets.models import JustificationStatus, Spend, SpendStatus


def paid_spends(budget, category: str, quarter: int, n: int, amount="10.00", **fields):
    """``n`` paid spends in ``quarter`` of the budget's year, written directly (test data
    for reports and lists; the use cases are tested apart)."""
    day = dt.date(budget.year, 3 * quarter - 2, 15)
    values = {
        "budget": budget,
        "amount": Decimal(amount),
        "category": category,
        "spent_on": day,
        "status": SpendStatus.PAID,
        "spent_by": budget.created_by,
        "paid_at": timezone.now(),
        "justification_status": JustificationStatus.DUE,
        "justification_due": day + dt.timedelta(days=14),
        **fields,
    }
    spends = [Spend(**values) for _ in range(n)]
    return Spend.objects.bulk_create(spends)
