"""The one exception extract raises for input it cannot read."""


class ExtractError(Exception):
    """A file that cannot be read as a report; the message is one line for a clerk.

    It names the file, the page or sheet when known, and the cause. `metadata` carries what
    the document said about itself (dim_dokumen columns) when it was read before the
    rejection, so a rejected document is still known by its kind, pemda, OPD and year.
    """

    def __init__(self, file_name: str, cause: str, page: int | None = None, sheet: str | None = None):
        self.metadata: dict | None = None
        self.file_name = file_name
        self.cause = cause
        self.page = page
        self.sheet = sheet
        where = file_name
        if page is not None:
            where += f", halaman {page}"
        if sheet is not None:
            where += f", sheet '{sheet}'"
        super().__init__(f"{where}: {cause}")
