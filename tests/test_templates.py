"""An unknown variable in one of the portal's own templates fails the tests instead of printing nothing."""

import pytest
from django.template.loader import render_to_string


def test_an_unknown_variable_in_a_portal_template_is_an_error():
    user = {"first_name": "Anne", "username": "anne"}
    context = {"user": user, "invitation": True, "hours": 24, "portal_base_url": "https://portail.example"}
    # « path » is missing: the link would be empty
    with pytest.raises(NameError, match="'path'"):
        render_to_string("emails/account_password_link/body.txt", context)
