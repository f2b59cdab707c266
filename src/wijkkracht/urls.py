from django.conf import settings
from django.urls import include, path

from wijkkracht.core.admin import admin_site

urlpatterns = [
    path("", include("wijkkracht.core.urls")),
    path("accounts/", include("wijkkracht.accounts.urls")),
    path("residents/", include("wijkkracht.residents.urls")),
    path("households/", include("wijkkracht.households.urls")),
    path("access/", include("wijkkracht.involvements.urls")),
    path("intake/", include("wijkkracht.intake.urls")),
    path("cases/", include("wijkkracht.cases.urls")),
    path("cases/<uuid:case_id>/plan/", include("wijkkracht.plans.urls")),
    path("cases/<uuid:case_id>/self-reliance/", include("wijkkracht.assessments.urls")),
    path("provisions/", include("wijkkracht.provisions.urls")),
    path("decisions/", include("wijkkracht.decisions.urls")),
    path("budgets/", include("wijkkracht.budgets.urls")),
    path("neighbourhood-plans/", include("wijkkracht.neighbourhoodplans.urls")),
    path("hulp/", include("wijkkracht.portal.urls")),
    path("audit/", include("wijkkracht.audit.urls")),
    path("monitor/", include("wijkkracht.monitor.urls")),
    path("cbs/", include("wijkkracht.contrib.cbs.urls")),
    path("burgerpeiling/", include("wijkkracht.contrib.burgerpeiling.urls")),
    path("api/", include("wijkkracht.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin_site.urls),
]
if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
