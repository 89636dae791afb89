"""The errors Verdict raises on purpose, each with a one-line message a Slack user understands.

    VerdictError                 base; `str(error)` is the user-facing line
    ├── ConfigError              a setting is missing or malformed; stops start-up
    ├── DeliveryError            Slack refused or dropped a call (`.permanent`: not_in_channel, … — don't retry)
    └── SourceError              one link or file could not be briefed
        ├── Refused              what Verdict will not fetch ("refused: …" on the command line)
        │   ├── BlockedAddress       private, loopback, metadata … addresses
        │   ├── UnsupportedScheme    not http(s)
        │   ├── CredentialsInURL     user:password@host
        │   ├── UnsupportedContent   an image, JSON, a download … (PDFs are read)
        │   ├── TooLarge             more than FETCH_MAX_BYTES once decoded
        │   └── InvalidURL           a link that cannot be parsed (bad host, port, numeric address)
        └── Failed               what went wrong ("failed: …" on the command line)
            ├── HTTPError            the server answered 4xx/5xx (5xx and 429 are transient; .retry_after)
            ├── FetchTimeout         FETCH_TIMEOUT ran out (transient)
            ├── ConnectionFailed     DNS, refused connection, TLS (transient)
            ├── TooManyRedirects
            ├── NoArticleText        nothing that reads like an article (also paywalls, consent walls)
            ├── ScannedPDF           a PDF whose pages are images: no text layer to read
            ├── EncryptedPDF         a PDF that needs a password to open
            ├── BrokenPDF            not really a PDF, cut off, or damaged beyond reading
            └── SourceNotFound       a local file that does not exist or cannot be read

Catch `SourceError` around one source; check `.transient` to decide whether to retry.
"""

from __future__ import annotations


class VerdictError(Exception):
    """Base class. The message is one line, meant for people."""


class ConfigError(VerdictError):
    """A setting is missing or malformed."""


class DeliveryError(VerdictError):
    """Slack did not take a post. `permanent` (not_in_channel, channel_not_found, invalid_auth, is_archived…):
    log and skip that channel; otherwise retry later. `code` is Slack's error string."""

    def __init__(self, message: str, *, permanent: bool = False, code: str | None = None):
        super().__init__(message)
        self.permanent = permanent
        self.code = code


class SourceError(VerdictError):
    """One source could not be briefed."""

    kind = "failed"
    transient = False


class Refused(SourceError):
    kind = "refused"


class BlockedAddress(Refused):
    def __init__(self, message: str = "that address is on a private network"):
        super().__init__(message)


class UnsupportedScheme(Refused):
    def __init__(self, scheme: str):
        super().__init__(f"only http and https links are fetched, not {scheme or 'this'}:")


class CredentialsInURL(Refused):
    def __init__(self):
        super().__init__("the link carries a user name or password")


class UnsupportedContent(Refused):
    def __init__(self, content_type: str):
        self.content_type = content_type
        kind = describe_content_type(content_type)
        super().__init__(f"that link is {kind}, not a web page")


class TooLarge(Refused):
    def __init__(self, limit: int):
        super().__init__(f"the page is larger than {limit / 1_000_000:g} MB")


class InvalidURL(Refused):
    def __init__(self, detail: str = "that is not a valid link"):
        super().__init__(detail)


class Failed(SourceError):
    kind = "failed"


class HTTPError(Failed):
    def __init__(self, status_code: int, *, retry_after: float | None = None):
        self.status_code = status_code
        # seconds the server asked us to wait (Retry-After), for whoever schedules the retry
        self.retry_after = retry_after
        self.transient = status_code == 429 or status_code >= 500
        names = {401: "login required", 403: "access denied", 404: "page not found", 410: "page gone",
                 429: "too many requests", 451: "unavailable for legal reasons"}
        name = names.get(status_code, "server error" if status_code >= 500 else "request refused")
        super().__init__(f"the server answered HTTP {status_code} ({name})")


class FetchTimeout(Failed):
    transient = True

    def __init__(self, seconds: float):
        super().__init__(f"the page did not load within {seconds:g} s")


class ConnectionFailed(Failed):
    transient = True

    def __init__(self, detail: str = "could not connect to the server"):
        super().__init__(detail)


class TooManyRedirects(Failed):
    def __init__(self, limit: int):
        super().__init__(f"more than {limit} redirects")


class NoArticleText(Failed):
    def __init__(self, detail: str = "no article text found on the page"):
        super().__init__(detail)


class ScannedPDF(Failed):
    def __init__(self, detail: str = "this PDF has no text layer (a scan) — Verdict can't read it"):
        super().__init__(detail)


class EncryptedPDF(Failed):
    def __init__(self, detail: str = "this PDF is password-protected — Verdict can't read it"):
        super().__init__(detail)


class BrokenPDF(Failed):
    def __init__(self, detail: str = "this PDF is damaged — Verdict can't read it"):
        super().__init__(detail)


class SourceNotFound(Failed):
    def __init__(self, detail: str = "no such file"):
        super().__init__(detail)


def describe_content_type(content_type: str) -> str:
    """'application/pdf' -> 'a PDF' — words for the user, not MIME types."""
    main = content_type.split(";")[0].strip().lower()
    if main == "application/pdf":
        return "a PDF"
    if main.startswith("image/"):
        return "an image"
    if main.startswith("video/"):
        return "a video"
    if main.startswith("audio/"):
        return "an audio file"
    if main in ("application/json", "application/ld+json"):
        return "JSON data"
    if main in ("application/zip", "application/gzip", "application/x-tar", "application/octet-stream"):
        return "a file download"
    return f"{main or 'an unknown type'} content"
