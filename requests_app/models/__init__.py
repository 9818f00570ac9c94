from .addresses import Address
from .catalog import (
    AttributeDatatype,
    ClosureDay,
    InterventionCode,
    RecurringClosure,
    RecurringClosureSkip,
    RequestType,
    RequestTypeAttribute,
    Service,
)
from .designations import Designation
from .inbound import InboundEmail, RequestAttachment
from .knowledge import Article, StandardAnswer
from .digests import DigestDelivery, DigestItem
from .open311 import ApiKey
from .outbox import OutboundAttachment, OutboundEmail
from .access import AccessLetter, AccessNumberSequence, AccessRequest, LegalProvision
from .claims import Claim, ClaimConsultation, ClaimDocument, ClaimEvent, ClaimNumberSequence
from .satisfaction import SatisfactionResponse
from .standards import StandardResult
from .requests import CallbackAttempt, Intervention, Request, RequestEvent, RequestNumberSequence, RequestPhoto

__all__ = [
    "Address",
    "ApiKey",
    "Article",
    "CallbackAttempt",
    "AccessLetter",
    "AccessNumberSequence",
    "AccessRequest",
    "Claim",
    "ClaimConsultation",
    "ClaimDocument",
    "ClaimEvent",
    "ClaimNumberSequence",
    "LegalProvision",
    "ClosureDay",
    "RecurringClosure",
    "RequestTypeAttribute",
    "AttributeDatatype",
    "RecurringClosureSkip",
    "Designation",
    "DigestDelivery",
    "DigestItem",
    "InboundEmail",
    "Intervention",
    "InterventionCode",
    "OutboundAttachment",
    "OutboundEmail",
    "Request",
    "RequestAttachment",
    "RequestEvent",
    "RequestNumberSequence",
    "RequestPhoto",
    "RequestType",
    "SatisfactionResponse",
    "Service",
    "StandardAnswer",
    "StandardResult",
]
