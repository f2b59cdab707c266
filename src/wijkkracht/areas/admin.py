from django.contrib import admin

from wijkkracht.areas.models import District, Municipality, Neighbourhood
from wijkkracht.core.admin import ConfigurationAdmin, admin_site


@admin.register(Municipality, site=admin_site)
class MunicipalityAdmin(ConfigurationAdmin):
    """Municipalities come with the installation (CBS import); here they are only tuned."""

    list_display = ["name", "code", "year", "first_contact_days"]
    search_fields = ["name", "code"]
    readonly_fields = ["code", "year", "is_synthetic"]

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(District, site=admin_site)
class DistrictAdmin(ConfigurationAdmin):
    list_display = ["name", "code", "municipality", "year"]
    list_select_related = ["municipality"]
    search_fields = ["name", "code"]


@admin.register(Neighbourhood, site=admin_site)
class NeighbourhoodAdmin(ConfigurationAdmin):
    list_display = ["name", "code", "district", "municipality", "year"]
    list_select_related = ["district", "municipality"]
    search_fields = ["name", "code"]
