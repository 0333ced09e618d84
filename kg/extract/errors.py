"""Why a document yields no report: one line a user can act on."""


class ExtractError(Exception):
    """The document was read but is not a report inspection-kg can extract."""


class NotAReport(ExtractError):
    """Not an Ofsted children's services inspection report at all."""


class UnsupportedFramework(ExtractError):
    """An Ofsted report of a framework or document type not supported (yet)."""
