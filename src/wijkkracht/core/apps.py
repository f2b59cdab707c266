from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "wijkkracht.core"
    verbose_name = "Core"
