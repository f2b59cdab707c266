import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkkracht.cases.models import Case, CaseStatus, Note, TimelineEntry
from wijkkracht.cases.notes import add_note
from wijkkracht.cases.tests.factories import TimelineEntryFactory


def url(case):
    return f"/cases/{case.public_id}/"


def queries_for(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_query_count_does_not_grow_with_the_timeline(cast, case, login_as):
    client = login_as(cast.colleague)
    TimelineEntryFactory(case=case, member=cast.son)
    client.get(url(case))  # the first request of a session writes session state
    few = queries_for(client, url(case))
    for _ in range(40):
        TimelineEntryFactory(case=case, member=cast.mother, actor=cast.colleague)
    add_note(case=case, text="Gesprek", confidentiality="normal", actor=cast.coordinator)
    many = queries_for(client, url(case))
    assert many == few


def test_the_timeline_is_paginated_by_fifty_newest_first(cast, case, login_as):
    for number in range(60):
        TimelineEntryFactory(case=case, summary=f"Contact nummer {number:02d}")
    content = login_as(cast.coordinator).get(url(case)).content.decode()
    assert "Contact nummer 59" in content
    assert "Contact nummer 05" not in content
    assert content.index("Contact nummer 59") < content.index("Contact nummer 58")
    older = login_as(cast.coordinator).get(url(case) + "?page=2").content.decode()
    assert "Contact nummer 05" in older


def test_the_timeline_filters_by_kind_and_member(cast, case, login_as):
    TimelineEntryFactory(case=case, summary="Huisbezoek moeder", member=cast.mother)
    TimelineEntryFactory(case=case, summary="Gesprek school zoon", member=cast.son)
    client = login_as(cast.coordinator)
    content = client.get(url(case), {"member": str(cast.son.public_id)}).content.decode()
    assert "Gesprek school zoon" in content
    assert "Huisbezoek moeder" not in content
    content = client.get(url(case), {"kind": TimelineEntry.Kind.STATUS}).content.decode()
    assert "Case opened" in content
    assert "Huisbezoek moeder" not in content


def test_a_sensitive_note_shows_only_a_placeholder_to_others(cast, case, login_as):
    add_note(
        case=case,
        text="Vermoeden van huiselijk geweld",
        confidentiality=Note.Confidentiality.SENSITIVE,
        actor=cast.colleague,
    )
    for reader in (cast.colleague, cast.coordinator):
        assert "huiselijk geweld" in login_as(reader).get(url(case)).content.decode()
    content = login_as(cast.team_lead).get(url(case)).content.decode()
    assert "huiselijk geweld" not in content
    assert "Sensitive note: only the author and the coordinator can read it." in content


def test_the_household_page_links_to_the_case(cast, case, login_as):
    content = login_as(cast.coordinator).get(f"/households/{cast.household.public_id}/")
    assert url(case) in content.content.decode()


@pytest.mark.parametrize("page", ["", "?kind=nonsense&member=nobody&page=x"])
def test_bad_filter_values_are_ignored(cast, case, login_as, page):
    assert login_as(cast.coordinator).get(url(case) + page).status_code == 200


def test_the_coordinator_walks_the_case_through_the_page_forms(cast, case, login_as, partner):
    client = login_as(cast.coordinator)
    version = Case.objects.get(pk=case.pk).version

    def post(path, data=None):
        response = client.post(f"/cases/{case.public_id}/{path}", data or {})
        assert response.status_code == 302
        return Case.objects.get(pk=case.pk)

    assert post("status/activate/", {"version": version}).status == CaseStatus.ACTIVE
    post("participants/", {"professional": partner.pk, "role": "GGZ"})
    assert case.participants.filter(professional=partner).exists()
    post("network/", {"name": "Oma", "relation": "family"})
    assert case.network.filter(name="Oma").exists()
    post("notes/", {"text": "Eerste gesprek", "confidentiality": "normal", "member": ""})
    assert case.notes.filter(text="Eerste gesprek").exists()
    post("hand-over/", {"to_user": cast.colleague.pk, "reason": "Verlof"})
    assert Case.objects.get(pk=case.pk).coordinator == cast.colleague
    assert post("status/start_evaluation/").status == CaseStatus.EVALUATION
    closed = post("close/", {"reason": "goals_achieved", "note": "Klaar"})
    assert closed.status == CaseStatus.CLOSED


def test_a_stale_form_is_refused_with_a_clear_message(cast, case, login_as):
    client = login_as(cast.coordinator)
    stale = case.version
    client.post(f"/cases/{case.public_id}/status/activate/", {"version": stale})
    response = client.post(
        f"/cases/{case.public_id}/hand-over/",
        {"to_user": cast.colleague.pk, "reason": "Verlof", "version": stale},
        follow=True,
    )
    assert "Someone else changed this case" in response.content.decode()
    assert Case.objects.get(pk=case.pk).coordinator == cast.coordinator


def test_the_query_count_does_not_grow_with_the_rows_on_the_case_page(
    cast, case, login_as, partner, expert_team
):
    """Timeline (every kind, notes of both levels, other organisations' authors, filtered
    by kind and member), involved professionals, network and hand-overs: the number of
    queries is the same with one row of each as with many."""
    from wijkkracht.accounts.tests.factories import UserFactory
    from wijkkracht.cases.handover import hand_over
    from wijkkracht.cases.participants import add_network_member, add_participant
    from wijkkracht.organisations.tests.factories import OrganisationFactory
    from wijkkracht.teams.models import TeamMembership

    client = login_as(cast.coordinator)
    paths = [url(case), url(case) + f"?kind=note&member={cast.mother.public_id}"]

    def add_rows(n, offset):
        for i in range(n):
            organisation = OrganisationFactory(municipalities=[cast.mun_a])
            professional = UserFactory(organisation=organisation, municipalities=[cast.mun_a])
            add_participant(
                case=case, professional=professional, role="Hulp", actor=cast.coordinator
            )
            add_network_member(
                case=case, name=f"Buur {offset + i}", relation="neighbour", actor=cast.coordinator
            )
            for level in ("normal", "sensitive"):
                add_note(
                    case=case,
                    text=f"Notitie {offset + i}",
                    confidentiality=level,
                    member=cast.mother,
                    actor=professional,
                )
            TimelineEntryFactory(case=case, kind="contact", member=cast.son, actor=professional)
            new = UserFactory(organisation=organisation, municipalities=[cast.mun_a])
            TeamMembership.objects.create(team=case.team, user=new)
            hand_over(case=case, to_user=new, reason="Verlof", actor=cast.coordinator)
            hand_over(case=case, to_user=cast.coordinator, reason="Terug", actor=cast.coordinator)

    add_rows(1, 0)
    client.get(url(case))
    few = [queries_for(client, path) for path in paths]
    add_rows(12, 1)
    many = [queries_for(client, path) for path in paths]
    content = client.get(url(case)).content.decode()
    network = content[
        content.index('id="network-heading"') : content.index('id="timeline-heading"')
    ]
    assert len(re.findall(r"Buur \d+ \(neighbour\)", network)) == 13
    assert many == few
