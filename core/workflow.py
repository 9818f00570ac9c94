"""One way to change a status: a transition table per model, one function that applies a row of it.

Each demand (request, claim, access request, complaint) declares its `Workflow`: the actions, the
statuses each may start from, the status it leads to, who may take it and, where the action depends
on the demand's kind, whether it applies. `apply_transition` locks the row, checks the rule, sets the
status and the changed fields, and writes the event row with `from_status` and `to_status`; the app's
service around it adds its checks, letters and e-mails in the same transaction. Screens ask
`available_actions(obj, user)` instead of listing statuses themselves.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from core.errors import ApplicationError


def _anyone(obj: Any, user: Any) -> bool:
    return True


def _always(obj: Any) -> bool:
    return True


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    allowed: Callable[[Any, Any], bool] = _anyone  # (the locked row, the acting user)
    applies: Callable[[Any], bool] = _always  # the action exists for this row at all (its kind, say)


@dataclass(frozen=True)
class Workflow:
    model: type[models.Model]
    event_model: type[models.Model]
    event_owner_field: str  # the event's foreign key to the model
    transitions: dict[str, Transition]
    # « %(number)s » and « %(status)s » are filled in; translated when raised.
    not_allowed: str | Promise = ""
    not_now: str | Promise = ""
    full_clean: bool = False
    related: tuple[str, ...] = field(default_factory=tuple)  # select_related of the locked row

    def available_actions(self, obj: Any, user: Any) -> list[str]:
        return [
            action
            for action, rule in self.transitions.items()
            if obj.status in rule.sources and rule.applies(obj) and rule.allowed(obj, user)
        ]


_WORKFLOWS: dict[type[models.Model], Workflow] = {}
M = TypeVar("M", bound=models.Model)


def register(workflow: Workflow) -> Workflow:
    _WORKFLOWS[workflow.model] = workflow
    return workflow


def workflow_of(obj: Any) -> Workflow:
    return _WORKFLOWS[type(obj)]


def available_actions(obj: Any, user: Any) -> list[str]:
    """The actions `user` may take on `obj` now, in the order of its transition table."""
    return workflow_of(obj).available_actions(obj, user)


def apply_transition(
    obj: M, action: str, *, acting_user: Any, event: dict[str, Any] | None = None, **changes: Any
) -> tuple[M, Any]:
    """Lock `obj`, check `action` against its workflow, set `changes` and the new status, record the
    event (`event`: its other fields). Returns (the locked, saved row; the event)."""
    workflow = workflow_of(obj)
    rule = workflow.transitions[action]
    with transaction.atomic():
        queryset = workflow.model._default_manager.select_for_update(of=("self",))
        if workflow.related:
            queryset = queryset.select_related(*workflow.related)
        locked: Any = queryset.get(pk=obj.pk)  # a model with a `status` field and its choices
        names = {"number": getattr(locked, "number", locked.pk), "status": locked.get_status_display()}
        if not (rule.applies(locked) and rule.allowed(locked, acting_user)):
            message = workflow.not_allowed or _("Vous n'avez pas le droit de faire cette action.")
            raise ApplicationError(str(message) % names)
        if locked.status not in rule.sources:
            message = workflow.not_now or _("Cette action n'est pas possible à ce stade.")
            raise ApplicationError(str(message) % names)
        from_status = locked.status
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.status = rule.target
        if workflow.full_clean:
            locked.full_clean()
        locked.save()
        recorded = workflow.event_model._default_manager.create(
            **{workflow.event_owner_field: locked},
            from_status=from_status,
            to_status=locked.status,
            **(event or {}),
        )
    return cast(M, locked), recorded
