from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeighbourhoodPlansConfig(AppConfig):
    name = "wijkkracht.neighbourhoodplans"
    verbose_name = _("Neighbourhood plans")
