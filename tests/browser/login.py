"""Staff log in through the real forms in the browser tests."""

import base64

from django_otp.oath import TOTP


def staff_login(page, base, username, password="secret-pass-123"):
    """Log in through the forms, second factor included: at the first login the test reads the key
    written on the enrolment page, as a person would type it into an application."""
    page.goto(f"{base}/compte/connexion/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("text=Se connecter")
    page.wait_for_load_state()
    if "/compte/second-facteur/" not in page.url:
        return
    key = page.inner_text("#otp-key").replace(" ", "")
    page.fill("#id_code", f"{TOTP(base64.b32decode(key)).token():06d}")
    page.click('button[type=submit]:has-text("Activer")')
    page.click("text=J'ai noté mes codes, continuer")
    page.wait_for_load_state()
