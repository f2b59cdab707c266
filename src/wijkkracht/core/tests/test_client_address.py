from django.test import RequestFactory

from wijkkracht.core.middleware import _client_ip


def test_a_forwarded_for_header_is_ignored_without_our_proxy(settings):
    settings.BEHIND_TLS_PROXY = False
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="10.0.0.9")
    assert _client_ip(request) == "10.0.0.9"


def test_behind_our_proxy_the_address_it_appended_counts_not_what_the_client_sent(settings):
    settings.BEHIND_TLS_PROXY = True
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="10.0.0.2"
    )
    assert _client_ip(request) == "203.0.113.7"
