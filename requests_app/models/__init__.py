from .catalog import ClosureDay, InterventionCode, RequestType, Service
from .designations import Designation
from .digests import DigestDelivery, DigestItem
from .open311 import ApiKey
from .outbox import OutboundAttachment, OutboundEmail
from .access import AccessLetter, AccessNumberSequence, AccessRequest, LegalProvision
from .claims import Claim, ClaimConsultation, ClaimDocument, ClaimEvent, ClaimNumberSequence
from .satisfaction import SatisfactionResponse
from .standards import StandardResult
from .requests import Intervention, Request, RequestEvent, RequestNumberSequence, RequestPhoto

__all__ = [
    "ApiKey",
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
    "Designation",
    "DigestDelivery",
    "DigestItem",
    "Intervention",
    "InterventionCode",
    "OutboundAttachment",
    "OutboundEmail",
    "Request",
    "RequestEvent",
    "RequestNumberSequence",
    "RequestPhoto",
    "RequestType",
    "SatisfactionResponse",
    "Service",
    "StandardResult",
]
