"""The privacy officer's break-the-glass review: the grants of the own municipalities,
unreviewed first, a review note per grant, and the count for the home dashboard."""

import datetime as dt

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkkracht.audit.models import Action, AuditEntry, Purpose
from wijkkracht.audit.queries import unreviewed_break_glass_count
from wijkkracht.involvements.break_glass import review_break_glass
from wijkkracht.involvements.tests.factories import BreakGlassFactory
from wijkkracht.residents.tests.factories import ResidentFactory

PAGE = reverse("audit:break_glass")


def review_url(grant) -> str:
    return reverse("audit:break_glass_review", args=[grant.public_id])


@pytest.fixture
def grants(cast):
    hour = dt.timedelta(hours=1)
    now = timezone.now()
    old = BreakGlassFactory(
        user=cast.colleague,
        resident=cast.stranger,
        granted_at=now - 3 * hour,
        expires_at=now - 2 * hour,
    )
    reviewed = BreakGlassFactory(
        user=cast.other_team, resident=cast.son, granted_at=now - hour, expires_at=now
    )
    review_break_glass(grant=reviewed, reviewer=cast.privacy_officer, note="Terecht: crisis.")
    new = BreakGlassFactory(user=cast.coordinator, resident=cast.mother, granted_at=now)
    in_b = BreakGlassFactory(user=cast.outsider, resident=cast.resident_b, granted_at=now)
    return {"old": old, "reviewed": reviewed, "new": new, "in_b": in_b}


@pytest.fixture
def officer(cast, login_as):
    return login_as(cast.privacy_officer)


def test_the_list_shows_the_own_municipalitys_grants_unreviewed_first(grants, officer):
    response = officer.get(PAGE)
    shown = [row["grant"] for row in response.context["rows"]]
    assert shown == [grants["new"], grants["old"], grants["reviewed"]]
    html = response.content.decode()
    assert "Fatima Bakker" in html  # the resident's name
    assert str(grants["new"].resident.public_id) in html
    assert grants["new"].reason in html
    assert "Terecht: crisis." in html


def test_a_grant_about_a_resident_of_another_municipality_is_not_listed(cast, grants, officer):
    response = officer.get(PAGE)
    assert grants["in_b"] not in [row["grant"] for row in response.context["rows"]]
    assert str(cast.resident_b.public_id) not in response.content.decode()


def test_only_unreviewed_grants_get_a_review_form(grants, officer):
    rows = officer.get(PAGE).context["rows"]
    assert [row["form"] is not None for row in rows] == [True, True, False]


def test_showing_the_list_is_audited_for_every_resident_shown(cast, grants, officer):
    before = AuditEntry.objects.count()
    officer.get(PAGE)
    lines = AuditEntry.objects.order_by("seq")[before:]
    assert {line.resident_pseudonym for line in lines} == {
        str(cast.mother.public_id),
        str(cast.stranger.public_id),
        str(cast.son.public_id),
    }
    assert {(line.action, line.purpose, line.object_type) for line in lines} == {
        (Action.READ, Purpose.SUPERVISION, "break_glass")
    }


def test_a_review_note_is_recorded_with_reviewer_time_and_an_audit_line(cast, grants, officer):
    grant = grants["new"]
    response = officer.post(review_url(grant), {"note": "Gecontroleerd bij de teamleider."})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.reviewed_by == cast.privacy_officer
    assert grant.reviewed_at is not None
    assert grant.review_note == "Gecontroleerd bij de teamleider."
    line = AuditEntry.objects.order_by("-seq").first()
    assert (line.action, line.object_id) == (Action.UPDATE, str(grant.public_id))


def test_an_empty_review_note_is_refused_with_a_message(grants, officer, settings):
    settings.LANGUAGE_CODE = "en"
    grant = grants["new"]
    response = officer.post(review_url(grant), {"note": "   "}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    row = next(r for r in response.context["rows"] if r["grant"] == grant)
    assert row["form"].errors["note"][0].startswith("Review note")
    grant.refresh_from_db()
    assert grant.reviewed_at is None


def test_a_reviewed_grant_cannot_be_reviewed_again(cast, grants, officer):
    grant = grants["reviewed"]
    officer.post(review_url(grant), {"note": "Toch niet terecht."})
    grant.refresh_from_db()
    assert grant.review_note == "Terecht: crisis."


def test_a_grant_of_another_municipality_cannot_be_reviewed(grants, officer):
    response = officer.post(review_url(grants["in_b"]), {"note": "Bekeken."})
    assert response.status_code == 404
    grants["in_b"].refresh_from_db()
    assert grants["in_b"].reviewed_at is None


@pytest.mark.parametrize("role", ["coordinator", "team_lead", "policy_analyst", "admin"])
def test_others_cannot_post_a_review(cast, grants, login_as, role):
    response = login_as(cast.staff()[role]).post(review_url(grants["new"]), {"note": "Prima."})
    assert response.status_code == 404
    grants["new"].refresh_from_db()
    assert grants["new"].reviewed_at is None


def test_a_review_is_posted_never_got(grants, officer):
    assert officer.get(review_url(grants["new"])).status_code == 405


def test_the_unreviewed_count_is_of_the_own_municipalities_only(cast, grants):
    assert unreviewed_break_glass_count(cast.privacy_officer) == 2
    assert unreviewed_break_glass_count(cast.coordinator) == 0
    review_break_glass(grant=grants["old"], reviewer=cast.privacy_officer, note="Terecht.")
    assert unreviewed_break_glass_count(cast.privacy_officer) == 1


def test_the_template_tag_gives_the_home_page_the_count(cast, grants):
    request = RequestFactory().get("/")
    request.user = cast.privacy_officer
    template = Template("{% load audit_tags %}{% unreviewed_break_glass_count as n %}[{{ n }}]")
    assert template.render(Context({"request": request})) == "[2]"
    request.user = cast.policy_analyst
    assert template.render(Context({"request": request})) == "[0]"


def test_the_list_has_a_constant_number_of_queries(cast, officer):
    def count_queries(n_grants: int) -> int:
        for _ in range(n_grants):
            BreakGlassFactory(
                user=cast.coordinator, resident=ResidentFactory(municipality=cast.mun_a)
            )
        with CaptureQueriesContext(connection) as queries:
            response = officer.get(PAGE)
        assert response.status_code == 200
        return len(queries)

    count_queries(1)  # warm up: the first audit line creates the chain head
    assert count_queries(2) == count_queries(12)
