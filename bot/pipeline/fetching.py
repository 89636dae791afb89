"""Fetch web pages from URLs that strangers type, safely.

Usage::

    with Fetcher(settings) as fetcher:           # one per process; thread-safe
        page = fetcher.fetch("https://example.org/news/story")
    page.url            # final URL after redirects, e.g. "https://example.org/news/story"
    page.content_type   # "text/html" | "application/xhtml+xml" | "text/plain" | "application/pdf"
    page.body           # a PDF's bytes (text is "" then); None for pages
    page.charset        # the codec the text was decoded with, e.g. "utf-8", "cp1252"
    page.text           # the decoded page

    Fetcher(settings, resolver=lambda host, port: ["127.0.0.1"])   # tests: fixed DNS answers
    Fetcher(settings, ssl_context=ssl.create_default_context(cafile="ca.pem"))   # a private CA

Every failure is a `bot.errors.SourceError` with a one-line message:

    refused   UnsupportedScheme  not http/https          CredentialsInURL  user:pass@host
              BlockedAddress     "that address is on a private network" (any resolved address)
              UnsupportedContent image, JSON …           TooLarge  > FETCH_MAX_BYTES decoded
              InvalidURL         unparsable link or numeric host
    failed    HTTPError (4xx/5xx; .retry_after)  FetchTimeout  ConnectionFailed  TooManyRedirects

What a fetch does:

- at most `MAX_REDIRECTS` redirects, and every hop is checked again from scratch;
- the host is resolved once; every address must be global (see `address_reach`), or merely
  private when FETCH_ALLOW_PRIVATE is on — metadata, link-local, unspecified and multicast
  addresses never pass. Numeric hosts ("2130706433", "0x7f.1", "127.1") are read the way
  browsers and inet_aton read them, and the URL is rewritten to the canonical address;
- the connection goes to the checked address and nowhere else (`_PinnedBackend`);
- one deadline (FETCH_TIMEOUT) covers DNS, connecting, TLS, every redirect and the body;
- the body is decoded in bounded pieces and refused past FETCH_MAX_BYTES (gzip bombs stop at
  the cap); non-page content types are refused from the headers, before the body is read;
  a response without a content type is read as HTML only if its first bytes look like HTML;
- at most FETCH_PER_HOST_LIMIT fetches run against one host at a time; waiting for a slot does
  not count against the deadline (it is bounded on its own: FETCH_TIMEOUT × SLOT_WAIT_FACTOR);
- no proxy, no environment, no cookies shared between fetches.
"""

from __future__ import annotations

import codecs
import ipaddress
import logging
import re
import socket
import ssl
import threading
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import httpcore
import httpx

from bot import __version__
from bot.errors import (
    BlockedAddress,
    ConnectionFailed,
    CredentialsInURL,
    FetchTimeout,
    HTTPError,
    InvalidURL,
    SourceError,
    TooLarge,
    TooManyRedirects,
    UnsupportedContent,
    UnsupportedScheme,
)
from bot.pipeline.charsets import decode
from bot.pipeline.pages import PDF_TYPE, Page
from bot.retry import retry_after_seconds

if TYPE_CHECKING:
    from bot.config import Settings

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 5
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
# generic download types: read, and kept only when the body starts with the %PDF- magic
_MAYBE_PDF_TYPES = frozenset({"application/octet-stream", "binary/octet-stream", "application/x-pdf",
                              "application/download", "application/force-download"})
USER_AGENT = f"Verdict/{__version__} (+https://github.com/verdict-bot; link summaries for Slack)"
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_SNIFF_BYTES = 512  # how much of an untyped body we look at before deciding it is HTML
_PIECE = 64 * 1024  # largest decompressed piece held at once
# a fetch waits at most FETCH_TIMEOUT × this for one of its host's FETCH_PER_HOST_LIMIT slots (then: transient)
SLOT_WAIT_FACTOR = 6

Resolver = Callable[[str, int], list[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


# --- addresses -------------------------------------------------------------------------------


class Reach(IntEnum):
    """Who may be fetched: GLOBAL always, PRIVATE with FETCH_ALLOW_PRIVATE, NEVER never."""

    GLOBAL = 0
    PRIVATE = 1
    NEVER = 2


def _networks(*cidrs: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(cidr) for cidr in cidrs)


# Never fetched, even with FETCH_ALLOW_PRIVATE: cloud metadata services (which hand out
# credentials), all link-local (where metadata lives), "this network"/unspecified (0.0.0.0
# reaches localhost on Linux), multicast and the reserved 240/4 block.
_NEVER = _networks(
    "0.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "240.0.0.0/4",
    "100.100.100.200/32",  # Alibaba Cloud metadata (inside CGNAT space)
    "192.0.0.192/32",  # Oracle Cloud metadata
    "168.63.129.16/32",  # Azure wire server (a public-looking address)
    "::/128", "fe80::/10", "ff00::/8",
    "fd00:ec2::/32",  # AWS IMDS, DNS and NTP over IPv6 (fd00:ec2::254 …)
)
# Not global: fetched only with FETCH_ALLOW_PRIVATE. Listed on top of `is_global`, whose
# tables differ between Python releases (3.11 calls 224.0.0.1, ::7f00:1 and 2002:7f00:1:: global).
_PRIVATE = _networks(
    "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "172.16.0.0/12", "192.0.0.0/24",
    "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
    "203.0.113.0/24",
    "::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "3fff::/20",
    "5f00::/16", "fc00::/7", "fec0::/10",
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_IPV4_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")  # RFC 2765 (SIIT): ::ffff:0:a.b.c.d
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215: operators pick /48, /56, /64 or /96 in it


def address_reach(ip: IPAddress) -> Reach:
    """How far `ip` is from the public internet; IPv6 forms that embed an IPv4 address
    (mapped, 6to4, Teredo, NAT64, IPv4-compatible) are at least as far as that address."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return address_reach(ip.ipv4_mapped)
        if ip.is_loopback:  # ::1 sits inside ::/96 but is plain loopback
            return Reach.PRIVATE
    if any(ip in net for net in _NEVER if net.version == ip.version):
        own = Reach.NEVER
    elif not ip.is_global or any(ip in net for net in _PRIVATE if net.version == ip.version):
        own = Reach.PRIVATE
    else:
        own = Reach.GLOBAL
    return max([own, *(address_reach(v4) for v4 in _embedded_ipv4(ip))])


def _embedded_ipv4(ip: IPAddress) -> list[ipaddress.IPv4Address]:
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    found = [ip.sixtofour] if ip.sixtofour else []
    if ip.teredo:
        found += ip.teredo  # (server, client)
    if ip in _NAT64 or ip in _IPV4_COMPATIBLE or ip in _IPV4_TRANSLATED:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    if ip in _LOCAL_NAT64:
        # which prefix length the operator chose is not visible in the address: every reading counts,
        # except the all-zero padding a longer prefix leaves where a shorter one would put the address
        readings = (_rfc6052_ipv4(ip, length) for length in (48, 56, 64, 96))
        found += [v4 for v4 in readings if int(v4) >> 24 != 0]
    return found


def _rfc6052_ipv4(ip: ipaddress.IPv6Address, prefix_length: int) -> ipaddress.IPv4Address:
    """The IPv4 address embedded after a NAT64 prefix of that length (RFC 6052 §2.2: bits 64–71 are
    the reserved "u" octet, skipped)."""
    bits = format(int(ip), "0128b")
    if prefix_length == 96:
        return ipaddress.IPv4Address(int(bits[96:], 2))
    without_u = bits[:64] + bits[72:]
    return ipaddress.IPv4Address(int(without_u[prefix_length:prefix_length + 32], 2))


def check_addresses(addresses: list[IPAddress], *, allow_private: bool) -> None:
    """Raise BlockedAddress unless every address may be fetched."""
    ceiling = Reach.PRIVATE if allow_private else Reach.GLOBAL
    for ip in addresses:
        if address_reach(ip) > ceiling:
            logger.info("refused address %s", ip)
            raise BlockedAddress()


_HEX_LABEL = re.compile(r"0[xX][0-9a-fA-F]*")


def parse_numeric_host(host: str) -> IPAddress | None:
    """The address a numeric host means, read like inet_aton and browsers do; None for names.

    "2130706433", "0177.0.0.1", "0x7f.1", "127.1", "0x7f000001" → 127.0.0.1. A host whose last
    label is a number but that is no valid address ("1.2.3.4.5", "256.1.1.1") is InvalidURL,
    as in browsers. IPv6 literals come without brackets.
    """
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host)
        except ValueError:
            raise InvalidURL() from None
    labels = unicodedata.normalize("NFKC", host).split(".")
    if len(labels) > 1 and labels[-1] == "":  # one trailing dot is allowed: "127.0.0.1."
        labels.pop()
    last = labels[-1]
    if not (last.isascii() and (last.isdigit() or _HEX_LABEL.fullmatch(last))):
        return None  # a name, for the resolver
    if len(labels) > 4:
        raise InvalidURL()
    numbers = [_ipv4_number(label) for label in labels]
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        raise InvalidURL()
    value = numbers[-1]
    for index, n in enumerate(numbers[:-1]):
        value += n << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def _ipv4_number(label: str) -> int:
    if _HEX_LABEL.fullmatch(label):
        return int(label[2:] or "0", 16)
    if not (label.isascii() and label.isdigit()):
        raise InvalidURL()
    if len(label) > 1 and label.startswith("0"):
        if not set(label) <= set("01234567"):
            raise InvalidURL()
        return int(label, 8)
    return int(label)


def system_resolver(host: str, port: int) -> list[str]:
    """All addresses of `host`, as the operating system resolves them (once)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


# --- URLs ------------------------------------------------------------------------------------


_HOSTNAME = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?")  # after IDNA: letters, digits, - and _


def _join(base: httpx.URL, location: str) -> str:
    try:
        return urljoin(str(base), location.strip())
    except ValueError:
        raise InvalidURL("the page redirects to an invalid link") from None


@dataclass(frozen=True, slots=True)
class _Target:
    url: httpx.URL
    host: str  # ASCII host exactly as httpcore will ask to connect to it
    port: int
    address: IPAddress | None  # set when the host is an address literal


def _parse_target(raw: str) -> _Target:
    """Check scheme and credentials, normalise numeric hosts; raise Refused subclasses."""
    try:
        parts = urlsplit(raw.strip())
        host, port = parts.hostname, parts.port
    except ValueError:
        raise InvalidURL() from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnsupportedScheme(scheme)
    if "@" in parts.netloc:
        raise CredentialsInURL()
    if not host:
        raise InvalidURL()
    host = unquote(host)
    address = parse_numeric_host(host)
    if address is not None:  # "http://0x7f.1/" is fetched as "http://127.0.0.1/", like a browser
        host = f"[{address}]" if address.version == 6 else str(address)
    netloc = host if port is None else f"{host}:{port}"
    try:
        url = httpx.URL(urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment)))
        ascii_host = url.raw_host.decode("ascii")
    except (httpx.InvalidURL, UnicodeError):
        raise InvalidURL() from None
    # httpx has the last word on what is connected to; recheck its reading of the URL
    if url.scheme not in ("http", "https") or url.userinfo:
        raise InvalidURL()
    if address is None and not _HOSTNAME.fullmatch(ascii_host):
        raise InvalidURL()
    return _Target(url, ascii_host, url.port or (443 if url.scheme == "https" else 80), address)


# --- the network layer -----------------------------------------------------------------------
#
# Why a custom httpcore network backend, rather than requesting the IP literal with a Host
# header and the `sni_hostname` extension: the URL, Host header, SNI, certificate check and
# connection-pool key all keep the real hostname, and only `connect_tcp` is redirected to the
# address the fetch checked. It fails closed — a host the current fetch did not check cannot be
# connected to at all — and the same hook clamps every socket operation to the fetch's
# deadline, which a per-read timeout alone cannot do against a server that drips bytes. (With
# IP-literal URLs the pool would also reuse a TLS connection verified for one hostname for
# another hostname on the same address.) httpcore's sync pool connects and reads in the calling
# thread, so the per-fetch state lives in a thread-local.


def _clamp(timeout: float | None, left: float | None) -> float | None:
    if left is None:
        return timeout
    return left if timeout is None else min(timeout, left)


class _PinnedBackend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()
        self._state = threading.local()

    @contextmanager
    def pinned(self, host: str, addresses: list[str], deadline: float) -> Iterator[None]:
        self._state.pin, self._state.deadline = (host, addresses), deadline
        try:
            yield
        finally:
            self._state.pin = self._state.deadline = None

    def left(self, timeout_error: type[Exception]) -> float | None:
        """Seconds left before this thread's deadline (None outside a fetch)."""
        deadline = getattr(self._state, "deadline", None)
        if deadline is None:
            return None
        left = deadline - time.monotonic()
        if left <= 0:
            raise timeout_error("the fetch deadline passed")
        return left

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        pin = getattr(self._state, "pin", None)
        if pin is None or pin[0] != host:
            raise httpcore.ConnectError(f"{host} was not checked by this fetch")
        error: httpcore.ConnectError | None = None
        for address in pin[1]:  # each one was checked; the next one if one is unreachable
            try:
                left = self.left(httpcore.ConnectTimeout)
                stream = self._inner.connect_tcp(address, port, _clamp(timeout, left), local_address, socket_options)
                return _DeadlineStream(stream, self)
            except httpcore.ConnectError as exc:
                error = exc
        assert error is not None
        raise error

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise httpcore.ConnectError("unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write ends by the fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, backend: _PinnedBackend):
        self._inner, self._backend = inner, backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clamp(timeout, self._backend.left(httpcore.ReadTimeout)))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _clamp(timeout, self._backend.left(httpcore.WriteTimeout)))

    def close(self) -> None:
        self._inner.close()

    def get_extra_info(self, info: str):
        return self._inner.get_extra_info(info)

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        # ssl applies a socket timeout to the whole handshake (not to each read), so the
        # time left bounds a handshake that drips too
        left = self._backend.left(httpcore.ConnectTimeout)
        stream = self._inner.start_tls(ssl_context, server_hostname, _clamp(timeout, left))
        return _DeadlineStream(stream, self._backend)


class _CoreStream(httpx.SyncByteStream):
    def __init__(self, response: httpcore.Response):
        self._response = response

    def __iter__(self) -> Iterator[bytes]:
        yield from self._response.stream  # type: ignore[misc]

    def close(self) -> None:
        self._response.close()


class _PinnedTransport(httpx.BaseTransport):
    """An httpx transport over an httpcore pool that connects only through `_PinnedBackend`.
    No proxy support at all: proxy environment variables cannot reroute a fetch."""

    def __init__(self, backend: _PinnedBackend, ssl_context: ssl.SSLContext):
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context, max_connections=100, max_keepalive_connections=20,
            keepalive_expiry=5.0, network_backend=backend,
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        response = self._pool.handle_request(httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        ))
        return httpx.Response(response.status, headers=response.headers, stream=_CoreStream(response),
                              extensions=response.extensions, request=request)

    def close(self) -> None:
        self._pool.close()


class _HostSlots:
    """At most `limit` fetches at once per host; a host's entry goes away when unused."""

    def __init__(self, limit: int):
        self._limit = limit
        self._lock = threading.Lock()
        self._slots: dict[str, tuple[threading.Semaphore, list[int]]] = {}

    @contextmanager
    def hold(self, host: str, timeout: float) -> Iterator[float]:
        """Hold one of `host`'s slots; yields the seconds spent waiting for it."""
        with self._lock:
            semaphore, users = self._slots.setdefault(host, (threading.Semaphore(self._limit), [0]))
            users[0] += 1
        try:
            started = time.monotonic()
            if not semaphore.acquire(timeout=max(timeout, 0)):
                raise ConnectionFailed(f"too many links to {host} at once; trying again later")
            try:
                yield time.monotonic() - started
            finally:
                semaphore.release()
        finally:
            with self._lock:
                users[0] -= 1
                if users[0] == 0:
                    del self._slots[host]


# --- bodies ----------------------------------------------------------------------------------


class _Inflater:
    """Undoes Content-Encoding in pieces of at most _PIECE bytes, so that a gzip bomb is never
    inflated further than the cap (httpx's own decoders inflate each network chunk whole)."""

    def __init__(self, encoding: str):
        encoding = encoding.strip().lower()
        self._raw_deflate_retry = encoding == "deflate"  # "deflate" is zlib-wrapped or raw in the wild
        if encoding in ("", "identity"):
            self._zlib = None
        elif encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj()
        else:  # we only ever send "Accept-Encoding: gzip, deflate"
            raise ConnectionFailed(f"the server sent the page in an encoding Verdict cannot read ({encoding})")

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._zlib is None:
            if data:
                yield data
            return
        while True:
            try:
                piece = self._zlib.decompress(data, _PIECE)
            except zlib.error:
                if not self._raw_deflate_retry:
                    raise
                self._raw_deflate_retry = False
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                continue
            self._raw_deflate_retry = False
            if piece:
                yield piece
            data = self._zlib.unconsumed_tail
            # a full piece may leave output inside zlib even when all input is consumed: ask again
            if self._zlib.eof or (not data and len(piece) < _PIECE):
                return


_HTML_START = re.compile(
    rb"\s*(?:<!--|<(?:!doctype\s+html|html|head|body|title|meta|script|style|div|p|h1|table|a|b|br|font|iframe)[\s>])",
    re.IGNORECASE,
)


def looks_like_html(head: bytes) -> bool:
    """The first bytes of an untyped body start with an HTML tag or comment."""
    return bool(_HTML_START.match(head.removeprefix(codecs.BOM_UTF8)))


def _content_type(headers: httpx.Headers) -> tuple[str, str | None]:
    """(main type lowercase or "", charset parameter or None)."""
    values = headers.get_list("content-type")
    if not values:
        return "", None
    main, *params = values[-1].split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return main.strip().lower(), charset


# --- the fetcher -----------------------------------------------------------------------------


class Fetcher:
    """Fetches pages; see the module docstring. Thread-safe: share one per process."""

    def __init__(self, settings: Settings, *, resolver: Resolver | None = None,
                 ssl_context: ssl.SSLContext | None = None):
        self._settings = settings
        self._resolver = resolver or system_resolver
        self._backend = _PinnedBackend()
        # trust_env=False: no SSL_CERT_FILE/proxy lookups; the fetcher reads no environment
        self._transport = _PinnedTransport(self._backend, ssl_context or httpx.create_ssl_context(trust_env=False))
        self._slots = _HostSlots(settings.fetch_per_host_limit)
        # getaddrinfo cannot be given a timeout; a small pool lets the deadline cover DNS too
        self._dns = ThreadPoolExecutor(max_workers=4, thread_name_prefix="verdict-dns")
        self._headers = httpx.Headers({
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.1",
            "Accept-Encoding": "gzip, deflate",  # the encodings _Inflater can bound
        })

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self._transport.close()
        self._dns.shutdown(wait=False, cancel_futures=True)

    def fetch(self, url: str) -> Page:
        """The page at `url` after at most MAX_REDIRECTS redirects; raises SourceError."""
        deadline = time.monotonic() + self._settings.fetch_timeout
        cookies = httpx.Cookies()  # cookies follow one redirect chain, never into another fetch
        target = _parse_target(url)
        for _ in range(MAX_REDIRECTS + 1):
            with self._as_source_errors(target.host, deadline):
                addresses = self._resolve(target, deadline)
                with self._slots.hold(target.host, self._settings.fetch_timeout * SLOT_WAIT_FACTOR) as queued:
                    # time spent queueing behind other fetches of this host is not the page's time
                    deadline += queued
                    with self._backend.pinned(target.host, addresses, deadline):
                        response = self._send(target.url, cookies, deadline)
                        try:
                            location = response.headers.get("location")
                            if response.status_code not in _REDIRECT_STATUSES or not location:
                                return self._read_page(target.url, response, deadline)
                        finally:
                            response.close()
            logger.debug("redirect %s -> %s", target.url, location)
            target = _parse_target(_join(target.url, location))
        raise TooManyRedirects(MAX_REDIRECTS)

    def _resolve(self, target: _Target, deadline: float) -> list[str]:
        """Resolve once, check every address, and return them as strings to connect to."""
        if target.address is not None:
            addresses: list[IPAddress] = [target.address]
        else:
            future = self._dns.submit(self._resolver, target.host, target.port)
            try:
                answers = future.result(timeout=max(deadline - time.monotonic(), 0))
            except (OSError, UnicodeError):
                raise ConnectionFailed(f"could not resolve {target.host}") from None
            try:
                addresses = [ipaddress.ip_address(answer) for answer in answers]
            except ValueError:
                raise ConnectionFailed(f"could not resolve {target.host}") from None
            if not addresses:
                raise ConnectionFailed(f"could not resolve {target.host}")
        check_addresses(addresses, allow_private=self._settings.fetch_allow_private)
        return [str(getattr(ip, "ipv4_mapped", None) or ip) for ip in addresses]

    def _send(self, url: httpx.URL, cookies: httpx.Cookies, deadline: float) -> httpx.Response:
        left = max(deadline - time.monotonic(), 0.001)
        request = httpx.Request("GET", url, headers=self._headers, extensions={
            "timeout": {"connect": left, "read": left, "write": left, "pool": left}})
        cookies.set_cookie_header(request)
        response = self._transport.handle_request(request)
        cookies.extract_cookies(response)
        return response

    def _read_page(self, url: httpx.URL, response: httpx.Response, deadline: float) -> Page:
        status = response.status_code
        if not 200 <= status < 300:
            raise HTTPError(status, retry_after=retry_after_seconds(response.headers.get("retry-after")))
        content_type, charset = _content_type(response.headers)
        # refused from the headers alone: the body of a PDF or a video is never read
        if content_type and content_type not in PAGE_TYPES | {PDF_TYPE} | _MAYBE_PDF_TYPES:
            raise UnsupportedContent(content_type)
        cap = self._settings.fetch_max_bytes
        length = response.headers.get("content-length", "").strip()
        if length.isdigit() and int(length) > cap:
            raise TooLarge(cap)
        body = self._read_body(response, deadline, sniff=not content_type)
        if content_type in (PDF_TYPE, *_MAYBE_PDF_TYPES) or (not content_type and _is_pdf(body)):
            if content_type != PDF_TYPE and not _is_pdf(body):
                raise UnsupportedContent(content_type)
            return Page(url=str(url), content_type=PDF_TYPE, charset="binary", text="", body=body)
        codec, text = decode(body, declared=charset, html=(content_type or "text/html") != "text/plain")
        return Page(url=str(url), content_type=content_type or "text/html", charset=codec, text=text)

    def _read_body(self, response: httpx.Response, deadline: float, *, sniff: bool) -> bytes:
        """The decoded body, refused past the cap; an untyped body must start like HTML."""
        cap = self._settings.fetch_max_bytes
        inflater = _Inflater(response.headers.get("content-encoding", ""))
        body = bytearray()
        for chunk in response.iter_raw():
            for piece in inflater.feed(chunk):
                body += piece
                if len(body) > cap:
                    raise TooLarge(cap)
            if sniff and len(body) >= _SNIFF_BYTES:
                self._require_html(body)
                sniff = False
            if time.monotonic() > deadline:
                raise FetchTimeout(self._settings.fetch_timeout)
        if sniff:
            self._require_html(body)
        # a bytearray decodes like bytes; a copy of a 5 MB page is 5 MB more at the peak
        return body  # type: ignore[return-value]

    @staticmethod
    def _require_html(body: bytearray) -> None:
        # No Content-Type: HTML if it starts like HTML; anything else is treated as the
        # application/octet-stream RFC 9110 says to assume, i.e. a download.
        if not looks_like_html(bytes(body[:_SNIFF_BYTES])) and not _is_pdf(body):
            raise UnsupportedContent("application/octet-stream")

    @contextmanager
    def _as_source_errors(self, host: str, deadline: float) -> Iterator[None]:
        """httpcore/zlib/timeout errors → the SourceError a user reads."""
        try:
            yield
        except SourceError:
            raise
        except (TimeoutError, httpcore.TimeoutException):
            raise FetchTimeout(self._settings.fetch_timeout) from None
        except (httpcore.NetworkError, httpcore.ProtocolError, zlib.error) as exc:
            if time.monotonic() >= deadline:  # whatever broke, the time was up first
                raise FetchTimeout(self._settings.fetch_timeout) from None
            logger.debug("fetch from %s failed: %r", host, exc)
            raise ConnectionFailed(_describe(exc, host)) from None


def _is_pdf(body: bytes | bytearray) -> bool:
    return b"%PDF-" in body[:1024]


def _describe(exc: Exception, host: str) -> str:
    cause = exc.__cause__ or exc.__context__
    if isinstance(exc, zlib.error):
        return "the server sent a corrupt compressed page"
    if isinstance(exc, httpcore.ConnectError):
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"the certificate of {host} is not valid"
        if isinstance(cause, ssl.SSLError):
            return f"the secure connection to {host} failed"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        return f"could not connect to {host}"
    if isinstance(exc, httpcore.ProtocolError):
        return f"{host} sent a malformed response"
    return f"the connection to {host} broke off"
