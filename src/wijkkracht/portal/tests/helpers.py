"""Shared helpers for the portal tests: open the form, fill it in, send it."""

from __future__ import annotations

import re

from django.urls import reverse

TOKEN = re.compile(r'name="idempotency_key" value="([^"]+)"')


def form_url(municipality) -> str:
    return reverse("portal:municipality_form", args=[municipality.code])


def fresh_token(client, municipality) -> str:
    response = client.get(form_url(municipality))
    assert response.status_code == 200
    return TOKEN.search(response.content.decode()).group(1)


def answers(**overrides) -> dict:
    data = {
        "description": "Ik heb schulden en weet niet meer wat ik moet doen.",
        "life_domains": ["finances"],
        "consent_to_contact": "on",
        "contact_preference": "phone",
        "contact_moment": "na 15.00 uur",
        "name": "Fatima Bakker",
        "date_of_birth": "",
        "email": "",
        "phone": "06 12345678",
        "postcode": "",
        "house_number": "",
        "house_number_addition": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def send(client, municipality, *, token: str | None = None, ip: str = "192.0.2.10", **overrides):
    if token is None:
        token = fresh_token(client, municipality)
    data = answers(**overrides)
    data["idempotency_key"] = token
    return client.post(form_url(municipality), data, REMOTE_ADDR=ip)
