import logging

from wijkkracht.core.context import current


class RequestIdFilter(logging.Filter):
    """Adds the request id to every log record; log lines never carry personal data."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current.get().request_id or "-"
        return True
