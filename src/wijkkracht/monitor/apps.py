from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "wijkkracht.monitor"
    verbose_name = _("Monitor")

    def ready(self) -> None:
        from wijkkracht.monitor.sources import register_external_figures

        register_external_figures()
