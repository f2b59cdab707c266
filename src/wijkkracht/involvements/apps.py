from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvolvementsConfig(AppConfig):
    name = "wijkkracht.involvements"
    verbose_name = _("Involvements")
