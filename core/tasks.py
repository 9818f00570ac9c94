from celery import shared_task

from core import photos


@shared_task
def purge_staged_photos() -> int:
    return photos.purge_staged_photos()
