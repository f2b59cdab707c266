from django.urls import path

from wijkkracht.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.detail, name="detail"),
    path("edit/", views.edit, name="edit"),
    path("agreement/", views.agree, name="agree"),
    path("versions/", views.versions, name="versions"),
    path("pdf/", views.pdf, name="pdf"),
    path("evaluation/", views.evaluate, name="evaluate"),
]
