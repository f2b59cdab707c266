from django.urls import path

from wijkkracht.cases.views import caseload, changes, detail, satisfaction

app_name = "cases"
urlpatterns = [
    path("caseload/", caseload.mine, name="caseload"),
    path("caseload/team/<int:team_id>/", caseload.team, name="caseload_team"),
    path("<uuid:public_id>/", detail.detail, name="detail"),
    path("<uuid:public_id>/status/<slug:step>/", changes.transition, name="transition"),
    path("<uuid:public_id>/close/", changes.close, name="close"),
    path("<uuid:public_id>/hand-over/", changes.hand_over, name="hand_over"),
    path("<uuid:public_id>/escalate/", changes.escalate, name="escalate"),
    path("<uuid:public_id>/deescalate/", changes.deescalate, name="deescalate"),
    path("<uuid:public_id>/participants/", changes.add_participant, name="add_participant"),
    path(
        "<uuid:public_id>/participants/<int:participant_id>/end/",
        changes.end_participation,
        name="end_participation",
    ),
    path("<uuid:public_id>/network/", changes.add_network_member, name="add_network_member"),
    path(
        "<uuid:public_id>/network/<int:member_id>/remove/",
        changes.remove_network_member,
        name="remove_network_member",
    ),
    path("<uuid:public_id>/notes/", changes.add_note, name="add_note"),
    path("<uuid:public_id>/contacts/", changes.register_contact, name="register_contact"),
    path("<uuid:public_id>/satisfaction/", satisfaction.satisfaction, name="satisfaction"),
]
