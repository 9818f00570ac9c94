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
from .requests import (
    CallbackAttempt,
    Follower,
    Intervention,
    RequestAttachment,
    RequestEvent,
    RequestNumberSequence,
    RequestPhoto,
    ServiceRequest,
)
from .satisfaction import SatisfactionResponse
from .standards import StandardResult

__all__ = [
    "Address",
    "AttributeDatatype",
    "CallbackAttempt",
    "ClosureDay",
    "Designation",
    "Follower",
    "Intervention",
    "InterventionCode",
    "RecurringClosure",
    "RecurringClosureSkip",
    "RequestAttachment",
    "RequestEvent",
    "RequestNumberSequence",
    "RequestPhoto",
    "RequestType",
    "RequestTypeAttribute",
    "SatisfactionResponse",
    "Service",
    "ServiceRequest",
    "StandardResult",
]
