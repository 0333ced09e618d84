"""The one error readers raise: a reason short enough for a one-line message."""


class ReadError(Exception):
    """A file that cannot be read as a report (empty, not a PDF, encrypted, ...)."""
