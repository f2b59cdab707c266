"""Reading a page of a long, ordered list without walking all rows before it."""

from __future__ import annotations

from django.core.paginator import Page


def page_rows(page: Page) -> list:
    """The rows of ``page`` (from ``Paginator.get_page``).

    A page in the second half of the list is read from the end, in reverse order, and
    turned round: the database then skips the rows after the page instead of all rows
    before it (OFFSET walks them one by one). The order must end in a unique column (the
    primary key), so that both directions give the same pages."""
    paginator = page.paginator
    total = paginator.count
    if total == 0:
        return []
    start, end = page.start_index() - 1, page.end_index()  # rows start..end-1
    if start <= total - end:
        return list(page.object_list)
    rows = list(paginator.object_list.reverse()[total - end : total - start])
    rows.reverse()
    return rows
