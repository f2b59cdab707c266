"""The front door: choosing a municipality, the form without login, the navigation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wijkkracht.areas.tests.factories import MunicipalityFactory
from wijkkracht.portal.tests.helpers import TOKEN

pytestmark = pytest.mark.django_db


def test_with_several_municipalities_the_resident_chooses_first(client, cast):
    response = client.get(reverse("portal:form"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/hulp/GM9001/"' in html and 'href="/hulp/GM9002/"' in html
    assert 'name="description"' not in html


def test_with_one_municipality_the_form_shows_directly(client):
    MunicipalityFactory(code="GM1999", name="Eengemeente")

    response = client.get(reverse("portal:form"))

    html = response.content.decode()
    assert 'name="description"' in html
    assert 'action="/hulp/GM1999/"' in html
    assert "Do you live somewhere else?" not in html


def test_an_unknown_municipality_is_a_404(client, cast):
    assert client.get("/hulp/GM0001/").status_code == 404


def test_the_form_needs_no_login_and_has_a_signed_key(client, cast):
    first = client.get("/hulp/GM9001/").content.decode()
    second = client.get("/hulp/GM9001/").content.decode()

    assert "Gemeente A" in first
    assert TOKEN.search(first).group(1) != TOKEN.search(second).group(1)
    assert ":" in TOKEN.search(first).group(1)  # value:timestamp:signature


def test_the_form_shows_plain_life_domains_and_ways_of_contact(client, cast):
    html = client.get("/hulp/GM9001/").content.decode()

    assert "money and debts" in html
    assert 'type="checkbox" name="life_domains" value="finances"' in html
    assert 'type="radio" name="contact_preference" value="email"' in html
    assert "<script" not in html and "style=" not in html


def test_anonymous_visitors_see_the_portal_in_the_navigation(client, cast):
    html = client.get("/accounts/login/").content.decode()

    assert 'href="/hulp/"' in html and "Ask for help" in html


def test_the_portal_is_not_a_staff_navigation_item(login_as, cast):
    html = login_as(cast.coordinator).get("/").content.decode()

    assert "Ask for help" not in html
