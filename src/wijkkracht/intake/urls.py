from django.urls import include, path

app_name = "intake"
urlpatterns = [
    path("", include("wijkkracht.intake.urls_registration")),
    path("", include("wijkkracht.intake.urls_queue")),
]
