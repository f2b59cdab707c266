"""Widgets of the case page's forms rendered in Python.

The coordinator's case page carries every change form (about twenty fields, one of them a
list of hundreds of professionals); a template render per widget and per option was most
of the page's time. This renderer builds the same HTML as Django's own widget templates
for inputs, text areas and selects, and leaves every other widget to the templates."""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

WIDGETS = "django/forms/widgets/"
INPUTS = {
    f"{WIDGETS}{name}.html"
    for name in ("input", "text", "email", "hidden", "number", "date", "datetime", "time", "url")
}


def _input(widget) -> str:
    value = widget["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        format_html(' value="{}"', value) if value is not None else "",
        flatatt(widget["attrs"]),
    )


def _textarea(widget) -> str:
    return format_html(
        '<textarea name="{}"{}>\n{}</textarea>',
        widget["name"],
        flatatt(widget["attrs"]),
        widget["value"] or "",
    )


def _options(choices) -> str:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((o["value"], flatatt(o["attrs"]), o["label"]) for o in choices),
    )


def _select(widget) -> str:
    parts = []
    for group, choices, _index in widget["optgroups"]:
        if group is None:
            parts.append(_options(choices))
        else:
            parts.append(
                format_html('<optgroup label="{}">{}</optgroup>', group, _options(choices))
            )
    return format_html(
        '<select name="{}"{}>{}</select>',
        widget["name"],
        flatatt(widget["attrs"]),
        format_html_join("", "{}", ((p,) for p in parts)),
    )


class PlainWidgetRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if widget is not None:
            if template_name in INPUTS:
                return _input(widget)
            if template_name == f"{WIDGETS}textarea.html":
                return _textarea(widget)
            if template_name == f"{WIDGETS}select.html":
                return _select(widget)
        return super().render(template_name, context, request)


RENDERER = PlainWidgetRenderer()
