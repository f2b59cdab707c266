from django.urls import path

from wijkkracht.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.search, name="search"),
    path("break-glass/", views.break_glass, name="break_glass"),
    path(
        "break-glass/<uuid:public_id>/review/",
        views.break_glass_review,
        name="break_glass_review",
    ),
]
