from django.urls import path

from wijkkracht.involvements import views

app_name = "involvements"
urlpatterns = [
    path("break-glass/", views.break_glass, name="break_glass"),
    path("involvement/new/", views.report_involvement, name="report_involvement"),
    path("matches/", views.matches, name="matches"),
]
