from django.urls import path

from wijkkracht.contrib.burgerpeiling import views

app_name = "burgerpeiling"
urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("<uuid:public_id>/", views.detail, name="detail"),
]
