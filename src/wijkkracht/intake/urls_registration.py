from django.urls import path

from wijkkracht.intake.views import detail, registration

urlpatterns = [
    path("new/", registration.new, name="new"),
    path("new/<str:token>/", registration.registered, name="registered"),
    path("<uuid:public_id>/", detail.detail, name="detail"),
    path("<uuid:public_id>/match/", detail.match, name="match"),
]
