from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class APIConfig(AppConfig):
    name = "wijkkracht.api"
    verbose_name = _("API")

    def ready(self):
        from wijkkracht.api import schema  # noqa: F401  (registers the auth extension)
