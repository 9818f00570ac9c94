from django.utils.functional import Promise


class ApplicationError(Exception):
    """A rule refused the action; the message is written for the person who tried it."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(message)
        self.message = message
