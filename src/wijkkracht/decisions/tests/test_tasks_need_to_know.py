"""My tasks shows only tasks for decisions the user may still see: need-to-know can end
after the reminder was made."""

import datetime as dt

import pytest
from django.urls import reverse

from wijkkracht.decisions.models import DecisionTask
from wijkkracht.decisions.reminders import create_reminders

pytestmark = pytest.mark.django_db


def test_a_task_for_a_decision_out_of_sight_is_not_shown(cast, client, login_as, granted):
    create_reminders(today=granted.end_date - dt.timedelta(weeks=8))
    task = DecisionTask.objects.get(role="coordinator")
    login_as(cast.coordinator)
    assert cast.mother.surname in client.get(reverse("decisions:tasks")).content.decode()

    DecisionTask.objects.filter(pk=task.pk).update(user=cast.other_team)
    login_as(cast.other_team)
    content = client.get(reverse("decisions:tasks")).content.decode()
    assert cast.mother.surname not in content
    assert str(granted.public_id) not in content
