import pytest

from wijkkracht.cases.opening import open_case
from wijkkracht.teams.models import Team


@pytest.fixture
def case(cast):
    """The Bakker household's case, opened by its coordinator."""
    return open_case(
        household=cast.household,
        team=Team.objects.get(name="Wijkteam A1"),
        coordinator=cast.coordinator,
        actor=cast.coordinator,
    )


def goal(description, *, life_domain="finances", member=None, actions=(), id=None, status="open"):
    return {
        "id": id,
        "life_domain": life_domain,
        "description": description,
        "member": str(member.public_id) if member else None,
        "status": status,
        "actions": list(actions),
    }


def action(what, *, performer_kind="resident", performer_name="", due_on=None, id=None):
    return {
        "id": id,
        "what": what,
        "performer_kind": performer_kind,
        "performer_name": performer_name,
        "due_on": due_on,
        "status": "open",
        "done_on": None,
    }


def plan_post(goals, *, expected_version):
    """The edit form's POST for ``goals`` (the shape of ``goal()``)."""
    data = {"expected_version": str(expected_version), "goal_count": str(len(goals))}
    for i, g in enumerate(goals):
        p = f"goal-{i}-"
        data.update(
            {
                p + "id": g["id"] or "",
                p + "life_domain": g["life_domain"],
                p + "description": g["description"],
                p + "member": g["member"] or "",
                p + "status": g["status"],
                p + "action_count": str(len(g["actions"])),
            }
        )
        for j, a in enumerate(g["actions"]):
            q = f"{p}action-{j}-"
            data.update(
                {
                    q + "id": a["id"] or "",
                    q + "what": a["what"],
                    q + "performer_kind": a["performer_kind"],
                    q + "performer_name": a["performer_name"],
                    q + "due_on": a["due_on"] or "",
                    q + "status": a["status"],
                }
            )
    return data
