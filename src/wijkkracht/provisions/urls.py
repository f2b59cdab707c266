from django.urls import path

from wijkkracht.provisions import views

app_name = "provisions"
urlpatterns = [
    path("", views.catalogue_list, name="list"),
    path("new/", views.create, name="create"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/edit/", views.edit, name="edit"),
    path("<uuid:public_id>/tariffs/", views.add_tariff, name="add_tariff"),
    path("<uuid:public_id>/contracts/", views.add_contract, name="add_contract"),
]
