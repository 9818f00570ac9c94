from .catalog import ClosureDay, InterventionCode, RequestType, Service
from .outbox import OutboundEmail
from .requests import Intervention, Request, RequestEvent, RequestNumberSequence, RequestPhoto

__all__ = [
    "ClosureDay",
    "Intervention",
    "InterventionCode",
    "OutboundEmail",
    "Request",
    "RequestEvent",
    "RequestNumberSequence",
    "RequestPhoto",
    "RequestType",
    "Service",
]
