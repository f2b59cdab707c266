"""Demo: decisions (beschikkingen) and their reminders.

Not yet generated: a placeholder until this capability lands."""

from __future__ import annotations


def generate(demo) -> dict[str, int]:
    return {}
