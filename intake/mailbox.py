"""The city's request mailbox over IMAP (imaplib, Python's own client): list what waits, read a
message without marking it read, move it once dealt with. Messages are addressed by UID, which
stays valid while other clients (a person in a webmail) use the same mailbox."""

import contextlib
import imaplib
import re
import ssl

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class MailboxError(Exception):
    pass


def _check(response, what: str):
    status, data = response
    if status != "OK":
        raise MailboxError(f"IMAP {what}: {status} {data!r}")
    return data


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Mailbox:
    def __init__(self, *, host, port, security, user, password, timeout):
        self.host, self.port, self.security = host, port, security
        self.user, self.password, self.timeout = user, password, timeout
        self.connection = None

    @classmethod
    def from_settings(cls) -> "Mailbox":
        return cls(
            host=settings.INTAKE_IMAP_HOST,
            port=settings.INTAKE_IMAP_PORT,
            security=settings.INTAKE_IMAP_SECURITY,
            user=settings.INTAKE_IMAP_USER,
            password=settings.INTAKE_IMAP_PASSWORD,
            timeout=settings.INTAKE_IMAP_TIMEOUT,
        )

    def __enter__(self):
        context = ssl.create_default_context()
        if self.security == "ssl":
            self.connection = imaplib.IMAP4_SSL(self.host, self.port, ssl_context=context, timeout=self.timeout)
        elif self.security in ("starttls", "none"):
            self.connection = imaplib.IMAP4(self.host, self.port, timeout=self.timeout)
            if self.security == "starttls":
                self.connection.starttls(ssl_context=context)
        else:
            raise ImproperlyConfigured("INTAKE_IMAP_SECURITY must be ssl, starttls or none.")
        _check(self.connection.login(self.user, self.password), "LOGIN")
        return self

    def __exit__(self, *exc):
        with contextlib.suppress(imaplib.IMAP4.error, OSError):  # a server gone at logout changes nothing
            self.connection.logout()

    def ensure_folder(self, folder: str) -> None:
        status, _data = self.connection.create(_quoted(folder))  # NO when it exists already: fine
        if status not in ("OK", "NO"):
            raise MailboxError(f"IMAP CREATE {folder}: {status}")

    def select(self, folder: str) -> None:
        _check(self.connection.select(_quoted(folder)), "SELECT")

    def waiting(self, limit: int) -> list[bytes]:
        """UIDs of the messages still in the folder, oldest first."""
        data = _check(self.connection.uid("SEARCH", None, "UNDELETED"), "SEARCH")
        return (data[0] or b"").split()[:limit]

    def fetch(self, uid: bytes) -> bytes | None:
        """The whole message, without setting \\Seen (a person reading the mailbox sees it unread)."""
        data = _check(self.connection.uid("FETCH", uid, "(BODY.PEEK[])"), "FETCH")
        for item in data:
            if isinstance(item, tuple) and re.search(rb"BODY\[\]", item[0]):
                return item[1]
        return None  # gone meanwhile (another client moved it)

    def move(self, uid: bytes, folder: str) -> None:
        if b"MOVE" in self._capabilities():
            _check(self.connection.uid("MOVE", uid, _quoted(folder)), "MOVE")
            return
        # RFC 6851 absent: copy, then delete the original.
        _check(self.connection.uid("COPY", uid, _quoted(folder)), "COPY")
        _check(self.connection.uid("STORE", uid, "+FLAGS.SILENT", r"(\Deleted)"), "STORE")
        if b"UIDPLUS" in self._capabilities():
            _check(self.connection.uid("EXPUNGE", uid), "UID EXPUNGE")
        else:
            _check(self.connection.expunge(), "EXPUNGE")

    def _capabilities(self) -> bytes:
        return b" ".join(
            item.encode() if isinstance(item, str) else item for item in self.connection.capabilities
        ).upper()
