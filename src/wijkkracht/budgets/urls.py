from django.urls import path

from wijkkracht.budgets import views

app_name = "budgets"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("team-lead/", views.lead, name="lead"),
    path("report/", views.report, name="report"),
    path("report.csv", views.report_export, name="report_csv"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/change/", views.change, name="change"),
    path("<uuid:public_id>/close/", views.close, name="close"),
    path("<uuid:public_id>/spend/", views.spend, name="spend"),
    path("spends/<uuid:public_id>/", views.spend_detail, name="spend_detail"),
    path("spends/<uuid:public_id>/<slug:action>/", views.spend_action, name="spend_action"),
]
