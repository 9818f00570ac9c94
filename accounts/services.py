import datetime as dt

from django.db import transaction
from django.utils import timezone

from .enums import SENSITIVE_ROLES, Availability
from .models import DisciplinaryRecord, RightsChange, User


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


def availability_set(*, user: User, availability: str, back_at=None) -> User:
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
        actor.is_technicien
        and not target.is_superuser
        and actor.pk != target.pk
        and not target.has_role(*SENSITIVE_ROLES)
    )


def rights_changes_record(*, actor: User, target: User, before: dict, after: dict) -> list[RightsChange]:
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


def rights_snapshot(user: User) -> dict:
    return {
        "groupes": ", ".join(sorted(user.groups.values_list("name", flat=True))) or "—",
        "accès à l'admin": user.is_staff,
        "actif": user.is_active,
        "superutilisateur": user.is_superuser,
        "permissions": ", ".join(sorted(user.user_permissions.values_list("codename", flat=True))) or "—",
    }
