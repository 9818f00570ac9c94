from .access import AccessLetter, AccessNumberSequence, AccessRequest, LegalProvision
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
from .claims import Claim, ClaimConsultation, ClaimDocument, ClaimEvent, ClaimNumberSequence
from .designations import Designation
from .digests import DigestDelivery, DigestItem
from .inbound import InboundEmail, RequestAttachment
from .knowledge import Article, StandardAnswer
from .open311 import ApiKey
from .outbox import OutboundAttachment, OutboundEmail
from .requests import CallbackAttempt, Intervention, Request, RequestEvent, RequestNumberSequence, RequestPhoto
from .satisfaction import SatisfactionResponse
from .standards import StandardResult

__all__ = [
    "AccessLetter",
    "AccessNumberSequence",
    "AccessRequest",
    "Address",
    "ApiKey",
    "Article",
    "AttributeDatatype",
    "CallbackAttempt",
    "Claim",
    "ClaimConsultation",
    "ClaimDocument",
    "ClaimEvent",
    "ClaimNumberSequence",
    "ClosureDay",
    "Designation",
    "DigestDelivery",
    "DigestItem",
    "InboundEmail",
    "Intervention",
    "InterventionCode",
    "LegalProvision",
    "OutboundAttachment",
    "OutboundEmail",
    "RecurringClosure",
    "RecurringClosureSkip",
    "Request",
    "RequestAttachment",
    "RequestEvent",
    "RequestNumberSequence",
    "RequestPhoto",
    "RequestType",
    "RequestTypeAttribute",
    "SatisfactionResponse",
    "Service",
    "StandardAnswer",
    "StandardResult",
]
