import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkkracht.areas.models import Municipality
from wijkkracht.core.pagination import page_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipalities():
    Municipality.objects.bulk_create(
        Municipality(code=f"GM{9000 + i}", name=f"Gemeente {i % 4}", year=2024) for i in range(23)
    )
    # Not unique on its own: the primary key breaks the ties.
    return Municipality.objects.filter(code__startswith="GM9").order_by("name", "pk")


@pytest.mark.parametrize("per_page", [1, 5, 7, 23, 50])
def test_every_page_holds_the_same_rows_as_plain_offset_paging(municipalities, per_page):
    expected = list(municipalities)
    paginator = Paginator(municipalities, per_page)
    seen = []
    for number in paginator.page_range:
        rows = page_rows(paginator.get_page(number))
        assert rows == list(paginator.get_page(number).object_list)
        seen += rows
    assert seen == expected


def test_a_late_page_is_read_from_the_end(municipalities):
    paginator = Paginator(municipalities, 5)
    paginator.count  # noqa: B018 - counted once, as a page view does
    with CaptureQueriesContext(connection) as queries:
        page_rows(paginator.get_page(paginator.num_pages))
    assert "DESC" in queries[-1]["sql"]
    assert "OFFSET" not in queries[-1]["sql"]


def test_an_empty_list_has_no_rows():
    paginator = Paginator(Municipality.objects.filter(pk__in=[]).order_by("pk"), 5)
    assert page_rows(paginator.get_page(1)) == []
