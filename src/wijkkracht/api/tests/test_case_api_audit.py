"""Every read through the case API is audited: one line per case and household member
shown, denials too."""

from wijkkracht.api.tests.cases import partner_client, write_plan
from wijkkracht.api.tests.partners import bearer
from wijkkracht.audit.models import AuditEntry, Outcome


def _new_lines(since: int):
    return list(AuditEntry.objects.filter(seq__gt=since).order_by("seq"))


def _last_seq() -> int:
    return AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def test_the_list_writes_a_line_per_case_and_member(cast, client, bakker_case, involved_partner):
    before = _last_seq()
    client.get("/api/v1/cases/", **bearer(involved_partner, user_representation="Ilse Verbeek"))
    lines = _new_lines(before)
    assert {(line.object_type, line.object_id, line.resident_pseudonym) for line in lines} == {
        ("case", str(bakker_case.public_id), str(cast.mother.public_id)),
        ("case", str(bakker_case.public_id), str(cast.son.public_id)),
    }
    assert all(line.outcome == Outcome.ALLOWED for line in lines)
    assert all(line.username == "api-ggz-a" for line in lines)
    assert all(line.on_behalf_of == "Ilse Verbeek" for line in lines)
    assert all(line.detail["channel"] == "api" for line in lines)


def test_an_empty_list_still_leaves_a_line(cast, client, bakker_case):
    other = partner_client(cast.mun_a, "woon-other")
    before = _last_seq()
    client.get("/api/v1/cases/", **bearer(other))
    (line,) = _new_lines(before)
    assert (line.object_id, line.resident_pseudonym, line.detail["results"]) == ("", "", 0)


def test_the_detail_and_the_plan_write_a_line_per_member(
    cast, client, bakker_case, involved_partner
):
    write_plan(bakker_case, cast, mother=cast.mother)
    for path, object_type in (
        (f"/api/v1/cases/{bakker_case.public_id}/", "case"),
        (f"/api/v1/cases/{bakker_case.public_id}/plan/", "support_plan"),
        (f"/api/v1/cases/{bakker_case.public_id}/plan/versions/1/", "support_plan"),
    ):
        before = _last_seq()
        assert client.get(path, **bearer(involved_partner)).status_code == 200
        lines = _new_lines(before)
        assert {line.resident_pseudonym for line in lines} == {
            str(cast.mother.public_id),
            str(cast.son.public_id),
        }, path
        assert {line.object_type for line in lines} == {object_type}


def test_a_denied_read_is_audited(cast, client, bakker_case):
    other = partner_client(cast.mun_a, "woon-other")
    before = _last_seq()
    client.get(f"/api/v1/cases/{bakker_case.public_id}/", **bearer(other))
    (line,) = _new_lines(before)
    assert line.outcome == Outcome.DENIED
    assert (line.object_type, line.object_id) == ("case", str(bakker_case.public_id))
