from django.urls import path

from wijkkracht.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("progress/<uuid:member_id>/", views.progress, name="progress"),
]
