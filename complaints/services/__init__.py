"""Every write on a complaint. Each one checks who acts and writes the access log."""

from accounts.signatures import Signature

from .filing import complaint_attach_paper, complaint_record_verbal, complaint_sign, complaint_submit
from .investigation import (
    complaint_conclude,
    complaint_identify_employee,
    complaint_share,
    complaint_start_investigation,
    complaint_unshare,
    evidence_add,
    interview_add,
)
from .reclassification import complaint_from_request, complaint_to_request
from .rules import RECEIVABLE_DAYS, WORKFLOW, ComplaintTooLate, check_receivable, is_within_delay

__all__ = [
    "RECEIVABLE_DAYS",
    "WORKFLOW",
    "ComplaintTooLate",
    "Signature",
    "check_receivable",
    "complaint_attach_paper",
    "complaint_conclude",
    "complaint_from_request",
    "complaint_identify_employee",
    "complaint_record_verbal",
    "complaint_share",
    "complaint_sign",
    "complaint_start_investigation",
    "complaint_submit",
    "complaint_to_request",
    "complaint_unshare",
    "evidence_add",
    "interview_add",
    "is_within_delay",
]
