from .duplicates import request_merge, request_unmerge
from .handling import (
    callback_record,
    intervention_record,
    request_complete,
    request_mark_reclassified,
    request_put_on_hold,
    request_schedule,
)
from .requests import (
    request_answer,
    request_assign,
    request_classify,
    request_classify_and_assign,
    request_close,
    request_reject,
    request_submit,
)

__all__ = [
    "callback_record",
    "intervention_record",
    "request_answer",
    "request_assign",
    "request_classify",
    "request_classify_and_assign",
    "request_close",
    "request_complete",
    "request_mark_reclassified",
    "request_merge",
    "request_put_on_hold",
    "request_reject",
    "request_schedule",
    "request_submit",
    "request_unmerge",
]
