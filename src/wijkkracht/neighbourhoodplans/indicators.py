"""The indicators a priority may be linked to: the ten performance indicators of
``monitor.definitions`` and the Burgerpeiling indicators kept in the neighbourhood
monitor. Codes are stored; labels come from here."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkkracht.monitor.definitions import BY_CODE, INDICATORS

# The residents' own voice (VNG Burgerpeiling), by indicator code.
BURGERPEILING: tuple[tuple[str, object], ...] = (
    ("wl01", _("Pleasant to live in the neighbourhood")),
    ("wl03", _("Social cohesion in the neighbourhood")),
    ("wl04", _("Feeling safe in the neighbourhood")),
    ("wl05", _("Nuisance in the neighbourhood")),
    ("zw03", _("Enough contacts with other people")),
    ("zw04", _("Loneliness")),
    ("zw06_0", _("Informal care given")),
    ("zw13", _("Willingness to help neighbours")),
    ("zw06_3", _("Volunteering")),
    ("zw07", _("Wish to volunteer")),
    ("bo01", _("Trust in the municipality")),
)
BURGERPEILING_LABELS = dict(BURGERPEILING)


def choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a form: performance indicators, then the Burgerpeiling."""
    return [
        (
            _("Performance indicators"),
            [(i.code, f"{i.code}: {i.label}") for i in INDICATORS],
        ),
        (
            _("Burgerpeiling (residents' own voice)"),
            [(code, f"{code}: {text}") for code, text in BURGERPEILING],
        ),
    ]


def is_known(code: str) -> bool:
    return code in BY_CODE or code in BURGERPEILING_LABELS


def label(code: str) -> str:
    if code in BY_CODE:
        return str(BY_CODE[code].label)
    if code in BURGERPEILING_LABELS:
        return str(BURGERPEILING_LABELS[code])
    return code


def ordered(codes) -> list[str]:
    """Known codes in the order of the lists above (unknown codes dropped)."""
    order = [i.code for i in INDICATORS] + [c for c, _label in BURGERPEILING]
    wanted = set(codes or [])
    return [c for c in order if c in wanted]
