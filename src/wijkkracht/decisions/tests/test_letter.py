"""The decision letter: a real PDF in plain words, with how to object, and no BSN. It is
always in Dutch (B1), whatever the language of the page that asks for it."""

import pytest
from django.urls import reverse

from wijkkracht.decisions import deciding
from wijkkracht.decisions.letter import render_letter_pdf
from wijkkracht.decisions.models import LetterSettings

pytestmark = pytest.mark.django_db


def test_granted_letter_has_terms_and_the_objection_text(cast, granted, login_as):
    response = login_as(cast.coordinator).get(reverse("decisions:letter", args=[granted.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    assert b"Begeleiding individueel" in pdf
    assert b"Thuiszorg A" in pdf
    assert b"bezwaar maken" in pdf
    assert b"binnen 6 weken" in pdf
    assert granted.reference.encode() in pdf
    assert cast.mother.bsn.encode() not in pdf


def test_refusal_letter_gives_the_reasons_and_where_to_object(cast, requested):
    LetterSettings.objects.create(
        municipality=cast.mun_a,
        objection_addressee="College van B&W Gemeente A",
        objection_address="Postbus 1, 9999 AA Gemeente A",
        phone="14 0999",
    )
    deciding.refuse(
        decision=requested,
        reason="U kunt eerst naar de inloop in het buurthuis.",
        actor=cast.decision_officer,
    )
    pdf = render_letter_pdf(requested)
    assert b"U krijgt geen Begeleiding individueel" in pdf
    assert b"U kunt eerst naar de inloop in het buurthuis." in pdf
    assert b"Postbus 1, 9999 AA Gemeente A" in pdf
    assert b"14 0999" in pdf
    assert b"binnen 6 weken" in pdf


def test_a_request_has_no_letter_yet(cast, requested, login_as):
    url = reverse("decisions:letter", args=[requested.public_id])
    assert login_as(cast.decision_officer).get(url).status_code == 404
