from django.urls import path, re_path

from wijkkracht.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.choose, name="form"),
    path("bedankt/<str:token>/", views.thanks, name="thanks"),
    re_path(r"^(?P<code>GM\d{4})/$", views.question_form, name="municipality_form"),
]
