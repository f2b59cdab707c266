from django.urls import path

from wijkkracht.neighbourhoodplans import views

app_name = "neighbourhoodplans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("<uuid:public_id>/", views.plan_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.plan_edit, name="edit"),
    path("<uuid:public_id>/status/", views.plan_status, name="status"),
    path("<uuid:public_id>/participation/new/", views.engagement_add, name="engagement_add"),
    path(
        "<uuid:public_id>/participation/remove/",
        views.engagement_remove,
        name="engagement_remove",
    ),
    path("<uuid:public_id>/priorities/new/", views.priority_add, name="priority_add"),
    path(
        "<uuid:public_id>/priorities/<uuid:priority_id>/",
        views.priority_edit,
        name="priority_edit",
    ),
    path(
        "<uuid:public_id>/priorities/<uuid:priority_id>/remove/",
        views.priority_remove,
        name="priority_remove",
    ),
    path("public/", views.public_municipalities, name="public_municipalities"),
    path("public/<str:municipality_code>/", views.public_index, name="public_index"),
    path(
        "public/<str:municipality_code>/<str:district_code>/",
        views.public_plan,
        name="public_plan",
    ),
]
