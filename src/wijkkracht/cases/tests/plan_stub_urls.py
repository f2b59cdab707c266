"""A URL configuration with a stand-in plan page, to test the case page's plan link
without depending on the plans app."""

from django.http import HttpResponse
from django.urls import include, path

from wijkkracht.urls import urlpatterns as project_urlpatterns

plan_patterns = ([path("", lambda request, case_id: HttpResponse(), name="detail")], "plans")

urlpatterns = [
    path("cases/<uuid:case_id>/plan/", include(plan_patterns)),
    *[p for p in project_urlpatterns if getattr(p, "namespace", None) != "plans"],
]
