"""Demo: neighbourhood plans (wijkplannen) per district.

Not yet generated: a placeholder until this capability lands."""

from __future__ import annotations


def generate(demo) -> dict[str, int]:
    return {}
