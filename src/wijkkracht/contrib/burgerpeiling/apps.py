from django.apps import AppConfig


class BurgerpeilingConfig(AppConfig):
    name = "wijkkracht.contrib.burgerpeiling"
    label = "burgerpeiling"
    verbose_name = "Burgerpeiling"
