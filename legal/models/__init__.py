from .access import AccessLetter, AccessNumberSequence, AccessRequest, LegalProvision
from .claims import Claim, ClaimConsultation, ClaimDocument, ClaimEvent, ClaimNumberSequence

__all__ = [
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
