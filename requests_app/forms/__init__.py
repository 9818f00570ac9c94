"""The request app's forms, by who fills them in."""

from .actions import (
    AnswerForm,
    AssignForm,
    CloseForm,
    CompleteForm,
    InterventionForm,
    MergeForm,
    OnHoldForm,
    RejectForm,
    ScheduleForm,
    UnmergeForm,
)
from .designations import DesignationForm
from .feedback import CallbackForm, SatisfactionFilterForm, SatisfactionForm
from .fields import DateInput, MultipleFileInput, MultiplePhotoField, StagedPhotosMixin
from .requests import CITIZEN_NOTE, FollowForm, LookupForm, QuestionForm, RequestForm, StaffIntakeForm

__all__ = [
    "CITIZEN_NOTE",
    "AnswerForm",
    "AssignForm",
    "CallbackForm",
    "CloseForm",
    "CompleteForm",
    "DateInput",
    "DesignationForm",
    "FollowForm",
    "InterventionForm",
    "LookupForm",
    "MergeForm",
    "MultipleFileInput",
    "MultiplePhotoField",
    "OnHoldForm",
    "QuestionForm",
    "RejectForm",
    "RequestForm",
    "SatisfactionFilterForm",
    "SatisfactionForm",
    "ScheduleForm",
    "StaffIntakeForm",
    "StagedPhotosMixin",
    "UnmergeForm",
]
