from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("wijkkracht.core.urls")),
    path("accounts/", include("wijkkracht.accounts.urls")),
    path("residents/", include("wijkkracht.residents.urls")),
    path("households/", include("wijkkracht.households.urls")),
    path("access/", include("wijkkracht.involvements.urls")),
    path("audit/", include("wijkkracht.audit.urls")),
    path("monitor/", include("wijkkracht.monitor.urls")),
    path("api/", include("wijkkracht.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
