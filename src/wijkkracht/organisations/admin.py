from django.contrib import admin

from wijkkracht.core.admin import ConfigurationAdmin, admin_site
from wijkkracht.organisations.models import Organisation


@admin.register(Organisation, site=admin_site)
class OrganisationAdmin(ConfigurationAdmin):
    list_display = ["name", "kind", "agb_code", "email", "phone"]
    list_filter = ["kind"]
    search_fields = ["name"]
