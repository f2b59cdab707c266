from django.urls import path

from wijkkracht.households import views

app_name = "households"
urlpatterns = [
    path("<uuid:public_id>/", views.detail, name="detail"),
]
