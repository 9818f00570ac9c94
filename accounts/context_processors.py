from . import second_factor
from .enums import Availability, Role


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_staff_member": False}
    if second_factor.required_for(user) and not user.is_verified():
        # Between the password and the code: no staff menu, only the way out.
        return {"is_staff_member": False}
    return {
        "is_staff_member": True,
        # Annexe B is for employees with an office phone: not for the élus, who have none.
        "shows_availability": user.is_superuser or any(role != Role.ELU for role in user.role_names),
        "is_technicien": user.has_perm("requests_app.triage"),
        "can_read_complaints": user.is_superuser or user.has_role(Role.DIRECTEUR_SAC, Role.DIRECTEUR_SERVICE),
        "can_read_satisfaction": user.has_perm("requests_app.read_satisfaction"),
        "can_read_dashboard": user.is_superuser
        or user.has_role(Role.DIRECTEUR_SERVICE, Role.DIRECTEUR_SAC, Role.DIRECTEUR_GENERAL),
        "availability_choices": Availability.choices,
    }
