from .access import AccessEvent, AccessLetter, AccessNumberSequence, AccessRequest, LegalProvision
from .claims import Claim, ClaimConsultation, ClaimDocument, ClaimEvent, ClaimNumberSequence

__all__ = [
    "AccessEvent",
    "AccessLetter",
    "AccessNumberSequence",
    "AccessRequest",
    "Claim",
    "ClaimConsultation",
    "ClaimDocument",
    "ClaimEvent",
    "ClaimNumberSequence",
    "LegalProvision",
]
