from django.urls import path

from wijkkracht.monitor import views

app_name = "monitor"
urlpatterns = [
    path("", views.index, name="index"),
    path("areas/<str:code>/", views.area, name="area"),
    path("map/", views.area_map, name="map"),
    path("targets/", views.targets, name="targets"),
    path("export/", views.export, name="export"),
]
