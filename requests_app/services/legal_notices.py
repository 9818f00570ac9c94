"""E-mails about réclamations and access requests.

Their bodies say no more than the number and the step: the outbox is readable by the Technicien,
who sees these files as receipts only. What the file holds travels in the attached letter.
"""

from collections.abc import Callable

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.models import User

from .outbox import outbox_enqueue


def legal_handlers():
    """The Greffe and the Directeur général: who reads claims and access requests in full."""
    return User.objects.filter(is_active=True, groups__name__in=[Role.GREFFIER, Role.DIRECTEUR_GENERAL]).distinct()


def notice_enqueue(*, dedupe_key: str, to: str, language: str, build: Callable[[], dict], attachments=()) -> None:
    """`build` returns subject, paragraphs and link; it runs in the recipient's language."""
    if not to:
        return
    with translation.override(language):
        context = {"signature": _("Le Greffe de la Ville de Prévost"), "link_path": "", **build()}
    outbox_enqueue(
        dedupe_key=dedupe_key,
        to=to,
        template="notice",
        context=context,
        language=language,
        attachments=attachments,
    )


def notify_handlers(*, dedupe_key: str, url_name: str, number: str, build: Callable[[], dict]) -> None:
    for user in legal_handlers():
        notice_enqueue(
            dedupe_key=f"{dedupe_key}:{user.pk}",
            to=user.email,
            language=user.language,
            build=lambda: {
                "link_path": reverse(url_name, kwargs={"number": number}),
                "link_label": _("Ouvrir le dossier"),
                **build(),
            },
        )
