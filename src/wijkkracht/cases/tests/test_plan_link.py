from django.test import override_settings


def test_the_case_page_links_to_the_support_plan_when_there_is_a_plan_page(cast, case, login_as):
    with override_settings(ROOT_URLCONF="wijkkracht.cases.tests.plan_stub_urls"):
        content = login_as(cast.coordinator).get(f"/cases/{case.public_id}/").content.decode()
    assert f'href="/cases/{case.public_id}/plan/"' in content
