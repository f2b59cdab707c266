from django.urls import path

from wijkkracht.residents import views

app_name = "residents"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("me/", views.own, name="own"),
    path("<uuid:public_id>/", views.detail, name="detail"),
]
