"""Functional administrators set the legal time limits, reminder periods and letter texts
per municipality; decisions themselves change only through their use cases."""

from django.contrib import admin

from wijkkracht.decisions.models import LawSettings, LetterSettings


@admin.register(LawSettings)
class LawSettingsAdmin(admin.ModelAdmin):
    list_display = ["municipality", "law", "decide_within_days", "reminder_weeks"]
    list_filter = ["law"]


@admin.register(LetterSettings)
class LetterSettingsAdmin(admin.ModelAdmin):
    list_display = ["municipality", "objection_addressee", "phone"]
