from django.apps import AppConfig


class CbsConfig(AppConfig):
    name = "wijkkracht.contrib.cbs"
    label = "cbs"
    verbose_name = "CBS"
