from django.urls import path

from wijkkracht.intake.views import overview, queue

urlpatterns = [
    path("queue/", queue.queue, name="queue"),
    path("queue/<uuid:public_id>/", queue.handle, name="queue_handle"),
    path("queue/<uuid:public_id>/assign/", queue.assign, name="queue_assign"),
    path("queue/<uuid:public_id>/first-contact/", queue.first_contact, name="queue_first_contact"),
    path("queue/<uuid:public_id>/close/", queue.close, name="queue_close"),
    path("queue/<uuid:public_id>/reroute/", queue.reroute, name="queue_reroute"),
    path("overview/", overview.overview, name="overview"),
]
