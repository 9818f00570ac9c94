from .catalog import ClosureDay, InterventionCode, RequestType, Service
from .designations import Designation
from .digests import DigestDelivery, DigestItem
from .outbox import OutboundAttachment, OutboundEmail
from .requests import Intervention, Request, RequestEvent, RequestNumberSequence, RequestPhoto

__all__ = [
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
    "Service",
]
