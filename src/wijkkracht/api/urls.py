from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from wijkkracht.api.views import HouseholdViewSet, ResidentViewSet

app_name = "api"

router = SimpleRouter()
router.register("residents", ResidentViewSet, basename="resident")
router.register("households", HouseholdViewSet, basename="household")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/schema/", SpectacularAPIView.as_view(permission_classes=[]), name="schema"),
]
