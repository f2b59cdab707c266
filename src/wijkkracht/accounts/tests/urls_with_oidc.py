"""The project's URLs as they are with OIDC enabled (settings are read at import)."""

from django.urls import include, path

from wijkkracht.urls import urlpatterns as project_urlpatterns

urlpatterns = [*project_urlpatterns, path("oidc/", include("mozilla_django_oidc.urls"))]
