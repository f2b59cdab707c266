from django.urls import path

from wijkkracht.decisions import views

app_name = "decisions"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("tasks/", views.my_tasks, name="tasks"),
    path("tasks/<int:task_id>/done/", views.task_done, name="task_done"),
    path("case/<uuid:case_id>/", views.case_decisions, name="case"),
    path("case/<uuid:case_id>/request/", views.request_form, name="request"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/grant/", views.grant, name="grant"),
    path("<uuid:public_id>/refuse/", views.refuse, name="refuse"),
    path("<uuid:public_id>/change/", views.change, name="change"),
    path("<uuid:public_id>/end/", views.end, name="end"),
    path("<uuid:public_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<uuid:public_id>/letter.pdf", views.letter, name="letter"),
]
