"""Template helpers for the page shell: NL Design System form fields and BSN masking."""

from __future__ import annotations

from django import forms, template

register = template.Library()


@register.filter
def mask_bsn(value: str | None) -> str:
    """Show only the last three digits of a BSN: ``******789``. Empty stays empty."""
    value = value or ""
    if not value:
        return ""
    return "*" * max(len(value) - 3, 0) + value[-3:]


def _component(widget) -> str:
    if isinstance(widget, forms.Textarea):
        return "utrecht-textarea"
    if isinstance(widget, forms.Select):
        return "utrecht-select"
    return "utrecht-textbox"


@register.inclusion_tag("components/form_field.html")
def form_field(field, *, size: str = ""):
    """Render one bound field as an NL Design System form field: label, description and
    error message, with the input wired to them (aria-describedby, aria-invalid)."""
    component = _component(field.field.widget)
    html_element = {"utrecht-textarea": "textarea", "utrecht-select": "select"}.get(
        component, "input"
    )
    classes = [component, f"{component}--html-{html_element}"]
    if size and component == "utrecht-textbox":
        classes.append(f"utrecht-textbox--{size}-size")
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_description")
    attrs = {}
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        classes.append(f"{component}--invalid")
        attrs["aria-invalid"] = "true"
    attrs["class"] = " ".join(classes)
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return {"field": field, "widget_html": field.as_widget(attrs=attrs)}
