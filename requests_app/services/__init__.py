from .duplicates import request_merge, request_unmerge
from .outbox import outbox_enqueue, outbox_flush, outbox_resend, outbox_send
from .requests import (
    callback_record,
    intervention_record,
    request_answer,
    request_assign,
    request_classify,
    request_close,
    request_complete,
    request_mark_reclassified,
    request_put_on_hold,
    request_reject,
    request_schedule,
    request_submit,
)

__all__ = [
    "callback_record",
    "intervention_record",
    "outbox_enqueue",
    "outbox_flush",
    "outbox_resend",
    "outbox_send",
    "request_answer",
    "request_assign",
    "request_classify",
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
