"""Reading an e-mail sent to the city's request mailbox: who wrote, what about, in answer to what,
and whether a person wrote it at all (auto-replies and bounces never become requests).
Pure functions over the raw bytes; requests_app/services/intake.py decides what to do with them."""

import email
import hashlib
import html
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.utils import parseaddr

from django.utils.html import strip_tags

from outbox.services import OUTBOUND_ID

MAX_TEXT = 10_000
# RFC 3834 and the headers the common mail systems add to what a machine wrote.
_AUTO_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Autoresponder")
_AUTO_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
_AUTO_SUBJECT = re.compile(
    r"^\s*(r[ée]ponse automatique|automatic reply|auto(matic)?[ -]?reply|auto:|out of (the )?office|"
    r"absen(t|ce) du bureau|absent\b)",
    re.IGNORECASE,
)
_BOUNCE_SUBJECT = re.compile(
    r"(undeliverable|undelivered mail|delivery status notification|mail delivery failed|"
    r"returned mail|non remis|message non distribu|delivery has failed|failure notice)",
    re.IGNORECASE,
)
_BOUNCE_SENDERS = ("mailer-daemon", "postmaster")
# Where the citizen's own words end and the quoted message begins.
_QUOTE_START = re.compile(
    r"^\s*(le .{0,200}a [ée]crit\s*:|on .{0,200}wrote\s*:|-{2,}\s*(original message|message d'origine)\s*-{2,}|"
    r"(de|from)\s*:.*)\s*$",
    re.IGNORECASE,
)
_REQUEST_NUMBER = re.compile(r"\b(\d{4}-\d{6})\b")


@dataclass
class Attachment:
    filename: str
    content_type: str
    content: bytes


@dataclass
class InboundMessage:
    message_id: str
    sender_name: str
    sender_address: str
    subject: str
    text: str
    references: list[str] = field(default_factory=list)
    is_auto_reply: bool = False
    is_bounce: bool = False
    bounced_outbound_ids: list[int] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def outbound_ids(self) -> list[int]:
        """Our own messages this one answers (In-Reply-To, References)."""
        return [int(match) for ref in self.references for match in OUTBOUND_ID.findall(ref)]

    @property
    def request_numbers(self) -> list[str]:
        return _REQUEST_NUMBER.findall(self.subject)


def message_key(raw: bytes) -> str:
    """The Message-ID, or a digest of the bytes for the rare message without one. Never raises:
    even a message that cannot be parsed must be recognised on the next poll."""
    try:
        value = email.message_from_bytes(raw).get("Message-ID", "")
    except Exception:  # noqa: BLE001 - a header so broken that even the lenient parser gives up
        value = ""
    value = " ".join(str(value).split())[:500]
    return value or "sha256:" + hashlib.sha256(raw).hexdigest()


def _text_of(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    content = body.get_content()
    if body.get_content_type() == "text/html":
        content = html.unescape(strip_tags(re.sub(r"(?i)<br\s*/?>|</p>|</div>", "\n", content)))
    return content


def without_quote(text: str) -> str:
    """The citizen's new words: what comes before the quoted message of a reply."""
    lines: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if _QUOTE_START.match(line) and lines:
            break
        if line.lstrip().startswith(">"):
            continue
        lines.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _attachments(message: EmailMessage) -> list[Attachment]:
    found = []
    for part in message.iter_attachments():
        # Pictures embedded in an HTML signature (a logo) carry a Content-ID and are shown inline.
        if part.get("Content-ID") and part.get_content_disposition() != "attachment":
            continue
        if part.get_content_maintype() == "multipart" or part.get_content_type() == "message/rfc822":
            continue
        try:
            payload = part.get_payload(decode=True)
            content = payload if isinstance(payload, bytes) else b""
        except Exception:  # noqa: BLE001 - an undecodable part is left out; the message itself is kept
            continue
        found.append(Attachment(_clean(part.get_filename() or "piece-jointe"), part.get_content_type(), content))
    return found


def _all_text(message: EmailMessage, raw: bytes) -> str:
    """The raw message and every part decoded (a report's parts may be base64-encoded)."""
    texts = [raw.decode("latin-1")]
    for part in message.walk():
        if not part.is_multipart():
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload:
                texts.append(payload.decode("latin-1"))
    return "\n".join(texts)


def _is_auto_reply(message: EmailMessage, subject: str) -> bool:
    auto = str(message.get("Auto-Submitted", "no")).strip().lower()
    if auto and auto != "no":
        return True
    if any(message.get(name) for name in _AUTO_HEADERS):
        return True
    if str(message.get("Precedence", "")).strip().lower() in _AUTO_PRECEDENCE:
        return True
    return bool(_AUTO_SUBJECT.match(subject))


def _is_bounce(message: EmailMessage, sender: str, subject: str) -> bool:
    if message.get_content_type() == "multipart/report":
        return True
    if str(message.get("Return-Path", "")).strip() == "<>":
        return True
    if sender.partition("@")[0].lower() in _BOUNCE_SENDERS:
        return True
    return bool(_BOUNCE_SUBJECT.search(subject))


def _clean(text: str) -> str:
    return text.replace("\x00", "")  # PostgreSQL text cannot hold NUL; a mail may carry one


def parse(raw: bytes) -> InboundMessage:
    message = email.message_from_bytes(raw, policy=policy.default)
    name, address = parseaddr(_clean(str(message.get("Reply-To") or message.get("From") or "")))
    subject = " ".join(_clean(str(message.get("Subject", ""))).split())[:300]
    references = [
        value
        for header in ("In-Reply-To", "References")
        for value in re.findall(r"<[^>]+>", str(message.get(header, "")))
    ]
    parsed = InboundMessage(
        message_id=message_key(raw),
        sender_name=" ".join(name.split())[:150],
        sender_address=address.strip()[:254],
        subject=subject,
        text=without_quote(_clean(_text_of(message)))[:MAX_TEXT],
        references=references,
    )
    parsed.is_bounce = _is_bounce(message, address, subject)
    if parsed.is_bounce:
        # The report quotes the headers of what could not be delivered: our Message-ID is among them.
        parsed.bounced_outbound_ids = sorted({int(match) for match in OUTBOUND_ID.findall(_all_text(message, raw))})
        return parsed
    parsed.is_auto_reply = _is_auto_reply(message, subject)
    if not parsed.is_auto_reply:
        parsed.attachments = _attachments(message)
    return parsed
