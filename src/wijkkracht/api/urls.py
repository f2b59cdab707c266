from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from wijkkracht.api.case_views import CaseViewSet
from wijkkracht.api.views import (
    HouseholdViewSet,
    InvolvementViewSet,
    ResidentViewSet,
    SupportRequestViewSet,
)

app_name = "api"

router = SimpleRouter()
router.register("residents", ResidentViewSet, basename="resident")
router.register("households", HouseholdViewSet, basename="household")
router.register("support-requests", SupportRequestViewSet, basename="support-request")
router.register("involvements", InvolvementViewSet, basename="involvement")
router.register("cases", CaseViewSet, basename="case")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/schema/", SpectacularAPIView.as_view(permission_classes=[]), name="schema"),
]
