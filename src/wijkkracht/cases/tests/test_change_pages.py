"""The changes that list people or teams have their own page, linked from the case page:
the case page no longer builds the list of every professional of the municipality. A GET
shows the form for those who may make the change; it posts to the same address."""

import re

import pytest

from wijkkracht.audit.models import Action, AuditEntry, Outcome
from wijkkracht.cases.escalation import escalate
from wijkkracht.cases.models import CaseStatus
from wijkkracht.cases.participants import add_participant
from wijkkracht.cases.transitions import activate, close

PAGES = {
    "hand-over/": ['name="to_user"', 'name="reason"'],
    "escalate/": ['name="expert_team"', 'name="reason"'],
    "participants/": ['name="professional"', 'name="role"'],
    "network/": ['name="name"', 'name="relation"', 'name="phone"', 'name="email"'],
    "close/": ['name="reason"', 'name="note"'],
}


def url(case, path=""):
    return f"/cases/{case.public_id}/{path}"


def test_the_case_page_links_to_the_change_pages_instead_of_their_forms(
    cast, case, login_as, partner, expert_team
):
    content = login_as(cast.coordinator).get(url(case)).content.decode()
    for path in PAGES:
        assert f'href="{url(case, path)}"' in content, path
    for field in ("to_user", "expert_team", "professional", "relation"):
        assert f'name="{field}"' not in content
    # The forms of every day stay on the case page.
    assert f'action="{url(case, "notes/")}"' in content
    assert f'action="{url(case, "contacts/")}"' in content


@pytest.mark.parametrize("path", PAGES)
def test_each_change_page_shows_its_form_posting_to_the_same_address(
    cast, case, login_as, partner, expert_team, path
):
    response = login_as(cast.coordinator).get(url(case, path))
    assert response.status_code == 200
    content = response.content.decode()
    assert re.search(r'<form method="post" action=""', content)
    assert f'name="version" value="{case.version}"' in content
    for field in PAGES[path]:
        assert field in content
    assert f'href="{url(case)}"' in content  # back to the case
    # Showing the case's address is a read of the case, one line per member.
    lines = AuditEntry.objects.filter(
        action=Action.READ, object_type="case", object_id=str(case.public_id)
    )
    assert {line.resident_pseudonym for line in lines} == {
        str(cast.mother.public_id),
        str(cast.son.public_id),
    }


def test_the_participant_page_lists_the_professionals_who_do_not_take_part_yet(
    cast, case, login_as, partner
):
    content = login_as(cast.coordinator).get(url(case, "participants/")).content.decode()
    assert "Gerrit Zorg (GGZ A)" in content
    add_participant(case=case, professional=partner, role="GGZ", actor=cast.coordinator)
    content = login_as(cast.coordinator).get(url(case, "participants/")).content.decode()
    assert "Gerrit Zorg (GGZ A)" not in content


def test_escalation_and_deescalation_pages_follow_the_state(cast, case, login_as, expert_team):
    client = login_as(cast.coordinator)
    activate(case=case, actor=cast.coordinator)
    assert client.get(url(case, "deescalate/")).status_code == 302
    escalate(case=case, expert_team=expert_team, reason="Zorgen", actor=cast.coordinator)
    assert client.get(url(case, "escalate/")).status_code == 302
    response = client.get(url(case, "deescalate/"))
    assert response.status_code == 200
    assert 'name="reason"' in response.content.decode()
    content = client.get(url(case)).content.decode()
    assert f'href="{url(case, "deescalate/")}"' in content
    assert f'href="{url(case, "escalate/")}"' not in content


@pytest.mark.parametrize("path", PAGES)
def test_someone_who_sees_the_case_but_may_not_change_it_gets_a_403(
    cast, case, login_as, partner, path
):
    add_participant(case=case, professional=partner, role="GGZ", actor=cast.coordinator)
    response = login_as(partner).get(url(case, path))
    assert response.status_code == 403
    assert AuditEntry.objects.filter(
        username="ggz",
        action=Action.UPDATE,
        outcome=Outcome.DENIED,
        object_id=str(case.public_id),
    ).exists()
    assert 'name="to_user"' not in response.content.decode()


@pytest.mark.parametrize("who", ["other_team", "outsider", "policy_analyst"])
def test_outside_need_to_know_a_change_page_is_a_404(cast, case, login_as, who):
    response = login_as(cast.staff()[who]).get(url(case, "hand-over/"))
    assert response.status_code == 404
    if who != "policy_analyst":
        assert AuditEntry.objects.filter(
            action=Action.READ, outcome=Outcome.DENIED, object_id=str(case.public_id)
        ).exists()


def test_a_closed_case_has_no_change_pages(cast, case, login_as):
    close(case=case, reason="declined", note="", actor=cast.coordinator)
    assert case.__class__.objects.get(pk=case.pk).status == CaseStatus.CLOSED
    client = login_as(cast.coordinator)
    content = client.get(url(case)).content.decode()
    for path in PAGES:
        assert f'href="{url(case, path)}"' not in content
        assert client.get(url(case, path)).status_code == 403


def test_a_refused_change_shows_its_page_again_with_what_was_typed(cast, case, login_as):
    """Goals achieved only after the evaluation: the use case refuses; the page names why
    and keeps the note, and nothing is written."""
    client = login_as(cast.coordinator)
    version = case.version
    response = client.post(
        url(case, "close/"),
        {"version": version, "reason": "goals_achieved", "note": "Zelf verder met de buurvrouw"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'role="alert"' in content
    assert "Zelf verder met de buurvrouw" in content
    assert f'name="version" value="{version}"' in content
    case.refresh_from_db()
    assert case.status != CaseStatus.CLOSED and case.version == version
    # The page shows the case's address again: a read, one line per member.
    assert (
        AuditEntry.objects.filter(
            action=Action.READ, object_type="case", object_id=str(case.public_id)
        ).count()
        == 2
    )


def test_an_invalid_form_shows_its_page_again_with_the_field_named(
    cast, case, login_as, expert_team
):
    client = login_as(cast.coordinator)
    response = client.post(url(case, "escalate/"), {"version": case.version, "reason": "Zorgen"})
    assert response.status_code == 400
    content = response.content.decode()
    assert 'href="#id_expert_team"' in content  # the error summary links to the field
    assert "Zorgen</textarea>" in content
    assert not case.escalations.exists()


def test_an_invalid_contact_shows_the_case_page_again_with_what_was_typed(cast, case, login_as):
    """The forms of every day stay on the case page: a wrong date names the field there and
    keeps the summary; nothing is written."""
    from wijkkracht.cases.models import TimelineEntry

    client = login_as(cast.coordinator)
    entries = TimelineEntry.objects.filter(case=case).count()
    response = client.post(
        url(case, "contacts/"),
        {
            "version": case.version,
            "at": "gisteren",
            "method": "visit",
            "summary": "Huisbezoek over de huurachterstand",
            "member": "",
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'href="#contact_at"' in content  # the error summary links to the field
    assert "Huisbezoek over de huurachterstand</textarea>" in content
    assert f'action="{url(case, "notes/")}"' in content  # the whole case page
    assert TimelineEntry.objects.filter(case=case).count() == entries


def test_an_empty_note_shows_the_case_page_again_with_the_field_named(cast, case, login_as):
    from wijkkracht.cases.models import Note

    client = login_as(cast.coordinator)
    response = client.post(
        url(case, "notes/"), {"text": "", "confidentiality": "sensitive", "member": ""}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'href="#note_text"' in content
    assert re.search(r'<option value="sensitive"[^>]*selected', content)
    assert not Note.objects.filter(case=case).exists()


def test_the_case_page_forms_have_ids_of_their_own(cast, case, login_as):
    content = login_as(cast.coordinator).get(url(case)).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', content)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
