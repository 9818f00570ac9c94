"""Tracking links carry their secret in the path (/suivi/<token>/): whoever reads a log could follow a
citizen's request, complaint or claim. Every line the portal writes about a request — gunicorn's
access log, Django's request warnings — shows such a segment as « [jeton] »."""

import logging
import re

from gunicorn.glogging import Logger

# A path segment of 24+ URL-safe characters (secrets.token_urlsafe(32) gives 43; signed tokens add ':').
# Request numbers (2026-000123) and hashed static file names (portal.3c5a9e2b1f4d.css) are shorter.
TOKEN_SEGMENT = re.compile(r"(?<=[/=])[A-Za-z0-9_\-:]{24,}(?=[/.?#&]|$)")
MASK = "[jeton]"


def mask_tokens(text: str) -> str:
    return TOKEN_SEGMENT.sub(MASK, text) if isinstance(text, str) else text


class MaskedAccessLogger(Logger):
    """gunicorn's logger_class in production: the request line, path, query, referer and headers masked."""

    def atoms(self, resp, req, environ, request_time):
        return {key: mask_tokens(value) for key, value in super().atoms(resp, req, environ, request_time).items()}


class MaskTokensFilter(logging.Filter):
    """For Django's loggers (« Not Found: /suivi/<token>/ »): the message and its arguments masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_tokens(str(record.msg))
        if isinstance(record.args, tuple):
            record.args = tuple(mask_tokens(arg) if isinstance(arg, str) else arg for arg in record.args)
        return True
