from django.urls import path

from wijkkracht.contrib.cbs import views

app_name = "cbs"
urlpatterns = [
    path("", views.index, name="index"),
    path("figures/", views.upload_figures, name="upload_figures"),
    path("boundaries/", views.upload_boundaries, name="upload_boundaries"),
]
