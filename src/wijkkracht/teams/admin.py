from django.contrib import admin

from wijkkracht.core.admin import ConfigurationAdmin, ConfigurationInline, admin_site
from wijkkracht.teams.models import Team, TeamMembership


class TeamMembershipInline(ConfigurationInline):
    model = TeamMembership
    fields = ["user", "is_lead"]


@admin.register(Team, site=admin_site)
class TeamAdmin(ConfigurationAdmin):
    list_display = ["name", "kind", "municipality", "organisation"]
    list_filter = ["kind"]
    list_select_related = ["municipality", "organisation"]
    search_fields = ["name"]
    inlines = [TeamMembershipInline]
