"""Figures the monitor takes from other apps, each read through that app's own figures
module once it exists: custom provisions (decisions), general versus custom support
(provisions), discretionary budget spent (budgets), CBS key figures and the residents'
voice (Burgerpeiling). A source that is not installed gives nothing."""

from __future__ import annotations

import datetime as dt
import logging

from wijkkracht.intake.figures import Quarter
from wijkkracht.monitor.indicators import Partial

logger = logging.getLogger(__name__)


def external_partials(municipality, quarters: list[Quarter], today: dt.date) -> list[Partial]:
    """Partial sums from other apps, rolled up and disclosure-controlled like our own."""
    return []


def published_rows(municipality, quarters, today, structure, now) -> list:
    """Figures that are already public statistics (CBS key figures) or disclosure-
    controlled at the source (Burgerpeiling per district): copied as they are."""
    return []
