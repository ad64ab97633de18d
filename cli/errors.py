"""The one error type commands raise for bad input: printed as one line, never as a traceback."""


class CliError(Exception):
    """A message for the user; ``code`` is the exit status (2 for bad input)."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.message = message
        self.code = code
