"""The project's URLs plus this app's, until the root urls.py includes it."""

from django.urls import include, path

from wijkkracht.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *[p for p in project_urlpatterns if getattr(p, "app_name", None) != "burgerpeiling"],
    path("burgerpeiling/", include("wijkkracht.contrib.burgerpeiling.urls")),
]
