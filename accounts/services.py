import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.errors import ApplicationError

from .enums import Availability
from .models import DisciplinaryRecord, RightsChange, User
from .roles import SENSITIVE_ROLES


@transaction.atomic
def disciplinary_record_add(
    *,
    employee: User,
    incident: str,
    measure: str,
    measure_detail: str,
    source_reference: str,
    decided_on: dt.date,
    acting_user: User,
) -> DisciplinaryRecord:
    record = DisciplinaryRecord(
        employee=employee,
        incident=incident,
        measure=measure,
        measure_detail=measure_detail,
        source_reference=source_reference,
        decided_on=decided_on,
        recorded_by=acting_user,
    )
    record.full_clean()
    record.save()
    return record


def availability_set(*, user: User, availability: str, back_at: dt.datetime | None = None) -> User:
    """Annexe B: one click from any staff page; a return time only when out of the office."""
    user.availability = availability
    user.back_at = back_at if availability == Availability.OUT_OF_OFFICE else None
    user.availability_changed_at = timezone.now()
    user.full_clean(validate_unique=False)
    user.save(update_fields=["availability", "back_at", "availability_changed_at"])
    return user


def rights_may_be_changed_by(actor: User, target: User) -> bool:
    """The Technicien manages accounts, but never a superuser's, never his own rights, and never an
    account holding a sensitive role (its password or rights would open the complaints to him)."""
    if actor.is_superuser:
        return True
    return (
        actor.has_perm("accounts.change_user")
        and not target.is_superuser
        and actor.pk != target.pk
        and not target.has_role(*SENSITIVE_ROLES)
    )


def rights_changes_record(
    *, actor: User, target: User, before: dict[str, Any], after: dict[str, Any]
) -> list[RightsChange]:
    """Write one log row per right that changed (groups, staff access, active account)."""
    changes = []
    for key in sorted(set(before) | set(after)):
        if before.get(key) != after.get(key):
            changes.append(
                RightsChange.objects.create(
                    actor=actor, target=target, change=f"{key} : {before.get(key)} → {after.get(key)}"[:300]
                )
            )
    return changes


def rights_snapshot(user: User) -> dict[str, Any]:
    return {
        "courriel": user.email or "—",
        "groupes": ", ".join(sorted(user.groups.values_list("name", flat=True))) or "—",
        "accès à l'admin": user.is_staff,
        "actif": user.is_active,
        "superutilisateur": user.is_superuser,
        "permissions": ", ".join(sorted(user.user_permissions.values_list("codename", flat=True))) or "—",
    }


def rights_log(*, actor: User, target: User, change: str) -> RightsChange:
    return RightsChange.objects.create(actor=actor, target=target, change=change[:300])


# --- passwords and the second factor: nobody sets or removes them for someone else -----------------


@transaction.atomic
def password_link_send(*, user: User, acting_user: User) -> None:
    """E-mail the person, at their own address, a single-use link to choose their password: the
    invitation of a new account, or a reset. Nobody types a password for someone else, so nobody can
    log into a colleague's account and enrol a second factor in their place. Logged."""
    if acting_user.pk != user.pk and not rights_may_be_changed_by(acting_user, user):
        raise ApplicationError(_("Vous ne pouvez pas envoyer de lien pour ce compte."))
    if not user.is_active or not user.email:
        raise ApplicationError(
            _("Le compte %(user)s n'a pas d'adresse courriel active : le lien ne peut être envoyé qu'à la personne.")
            % {"user": user}
        )
    from outbox.services import outbox_enqueue  # the outbox is its own app once issue 18 lands

    invitation = not user.has_usable_password()
    token = default_token_generator.make_token(user)
    path = reverse(
        "accounts:password_set", kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": token}
    )
    outbox_enqueue(
        dedupe_key=f"account:{user.pk}:password:{token}",
        to=user.email,
        template="account_password_link",
        context={
            "user": user,
            "path": path,
            "invitation": invitation,
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        },
        language=user.language,
    )
    sent = "invitation envoyée" if invitation else "lien de réinitialisation du mot de passe envoyé"
    rights_log(actor=acting_user, target=user, change=f"{sent} à {user.email}")


def password_chosen_record(*, user: User, through_link: bool) -> None:
    how = "choisi par la personne avec son lien" if through_link else "changé par la personne"
    rights_log(actor=user, target=user, change=f"mot de passe {how}")


def second_factor_enrolled_record(*, user: User) -> None:
    rights_log(actor=user, target=user, change="second facteur activé (application et codes de secours)")


@transaction.atomic
def second_factor_remove(*, user: User, acting_user: User) -> int:
    """A lost phone: IT (a superuser) removes the factor; the person enrols a new one at the next login."""
    if not acting_user.is_superuser:
        raise ApplicationError(_("Seul un superutilisateur retire le second facteur d'un compte."))
    removed = TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]
    rights_log(actor=acting_user, target=user, change="second facteur retiré (appareils et codes de secours)")
    return int(removed)
