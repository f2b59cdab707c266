"""The project's URLs plus this app's, for as long as the root urls.py does not include
them yet."""

from django.urls import include, path

from wijkkracht.urls import urlpatterns as project_urlpatterns

urlpatterns = list(project_urlpatterns)
if not any(getattr(p, "app_name", None) == "cbs" for p in urlpatterns):
    urlpatterns.append(path("cbs/", include("wijkkracht.contrib.cbs.urls")))
