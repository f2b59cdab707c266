from django.urls import path

from wijkkracht.monitor import views

app_name = "monitor"
urlpatterns = [
    path("", views.index, name="index"),
    path("export.csv", views.export, name="export"),
]
