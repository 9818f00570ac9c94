from celery import shared_task


@shared_task(acks_late=True)
def refresh_standards() -> int:
    """Nightly (beat): the published standards page reads these figures; it never computes them."""
    from requests_app.services.standards import standards_refresh

    return standards_refresh()


@shared_task(acks_late=True)
def apply_retention() -> int:
    """Nightly (beat): Loi 25, requests past their retention period are anonymized (claims, access
    requests and complaints have their own tasks in their apps)."""
    from requests_app.services.retention import requests_anonymize

    return requests_anonymize()
