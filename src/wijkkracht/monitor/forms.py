"""The targets of the ten indicators: one form, a target and a tolerance per indicator."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.monitor.definitions import INDICATORS
from wijkkracht.monitor.models import IndicatorTarget


class TargetsForm(forms.Form):
    def __init__(self, *args, existing: dict[str, IndicatorTarget], **kwargs):
        super().__init__(*args, **kwargs)
        self.existing = existing
        for indicator in INDICATORS:
            current = existing.get(indicator.code)
            self.fields[f"{indicator.code}_target"] = forms.FloatField(
                label=_("Target"),
                required=False,
                initial=current.target if current else None,
                error_messages={"invalid": _("Enter the target as a number, like 60 or 7.5.")},
            )
            self.fields[f"{indicator.code}_tolerance"] = forms.FloatField(
                label=_("Tolerance"),
                required=False,
                min_value=0,
                initial=current.tolerance if current else None,
                error_messages={
                    "invalid": _("Enter the tolerance as a number, like 5."),
                    "min_value": _("The tolerance cannot be below 0."),
                },
            )

    def clean(self):
        data = super().clean()
        for indicator in INDICATORS:
            target = data.get(f"{indicator.code}_target")
            tolerance = data.get(f"{indicator.code}_tolerance")
            if target is None and tolerance not in (None, 0):
                self.add_error(
                    f"{indicator.code}_target",
                    _("Enter a target before a tolerance, or leave both empty."),
                )
        return data

    def rows(self):
        return [
            (indicator, self[f"{indicator.code}_target"], self[f"{indicator.code}_tolerance"])
            for indicator in INDICATORS
        ]

    def save(self, *, municipality, actor) -> list[str]:
        """Create, change or remove (empty target) each indicator's target; returns the
        codes that changed."""
        changed = []
        now = timezone.now()
        for indicator in INDICATORS:
            target = self.cleaned_data.get(f"{indicator.code}_target")
            tolerance = self.cleaned_data.get(f"{indicator.code}_tolerance") or 0
            current = self.existing.get(indicator.code)
            if target is None:
                if current is not None:
                    current.delete()
                    changed.append(indicator.code)
                continue
            if current and (current.target, current.tolerance) == (target, tolerance):
                continue
            IndicatorTarget.objects.update_or_create(
                municipality=municipality,
                indicator=indicator.code,
                defaults={
                    "target": target,
                    "tolerance": tolerance,
                    "updated_at": now,
                    "updated_by": actor,
                },
            )
            changed.append(indicator.code)
        return changed
