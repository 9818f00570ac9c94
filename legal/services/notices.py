"""E-mails about réclamations and access requests.

Their bodies say no more than the number and the step: the outbox is readable by the Technicien,
who sees these files as receipts only. What the file holds travels in the attached letter.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from accounts.enums import Role
from accounts.models import User
from outbox.services import outbox_enqueue


def legal_handlers() -> QuerySet[User]:
    """The Greffe and the Directeur général: who reads claims and access requests in full."""
    return User.objects.filter(is_active=True, groups__name__in=[Role.GREFFIER, Role.DIRECTEUR_GENERAL]).distinct()


def notice_enqueue(
    *,
    dedupe_key: str,
    to: str,
    language: str,
    template: str,
    context: dict[str, Any],
    link_path: str,
    link_label: str | Promise,
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> None:
    """One of the template sets in templates/emails/claim_* and access_*, rendered in the recipient's language."""
    if not to:
        return
    with translation.override(language):
        label = str(link_label)
    outbox_enqueue(
        dedupe_key=dedupe_key,
        to=to,
        template=template,
        context={**context, "link_path": link_path, "link_label": label},
        language=language,
        attachments=attachments,
    )


def notify_handlers(*, dedupe_key: str, url_name: str, number: str, template: str, context: dict[str, Any]) -> None:
    for user in legal_handlers():
        notice_enqueue(
            dedupe_key=f"{dedupe_key}:{user.pk}",
            to=user.email,
            language=user.language,
            template=template,
            context={"number": number, **context},
            link_path=reverse(url_name, kwargs={"number": number}),
            link_label=gettext_lazy("Ouvrir le dossier"),
        )
