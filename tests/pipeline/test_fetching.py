"""bot.pipeline.fetching against real HTTP servers on 127.0.0.1 (port 0): every refusal and every limit.

Hosts other than 127.0.0.1 come from the injected resolver ("allowed.test" → 127.0.0.1), so no
test resolves a real name or leaves the machine.
"""

from __future__ import annotations

import gzip
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
import tracemalloc
import zlib
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot import __version__
from bot.config import Settings
from bot.errors import (
    BlockedAddress,
    ConnectionFailed,
    CredentialsInURL,
    FetchTimeout,
    HTTPError,
    InvalidURL,
    Refused,
    TooLarge,
    TooManyRedirects,
    UnsupportedContent,
    UnsupportedScheme,
)
from bot.pipeline.fetching import MAX_REDIRECTS, Fetcher, Reach, address_reach, parse_numeric_host

# --- a recording HTTP server -----------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    server: RecordingServer

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self.server.record(self)
        route = self.server.routes.get(self.path.split("?")[0])
        try:
            if route is None:
                reply(self, 404, b"not here")
            else:
                route(self)
        except OSError:
            pass  # the client hung up, as it should after a refusal

    def log_message(self, *args):
        pass


class RecordingServer(ThreadingHTTPServer):
    """Counts connections and concurrent requests, records request headers."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes = {}
        self.lock = threading.Lock()
        self.connections = 0
        self.headers: list[dict[str, str]] = []
        self.active = self.max_active = 0
        self.stop = threading.Event()
        self.body_written = False

    def verify_request(self, request, client_address):
        with self.lock:
            self.connections += 1
        return True

    def record(self, handler):
        with self.lock:
            self.headers.append({k.lower(): v for k, v in handler.headers.items()})

    def handle_error(self, request, client_address):
        pass

    def url(self, path="/", host="127.0.0.1"):
        return f"http://{host}:{self.server_port}{path}"


def reply(h, status=200, body=b"", content_type="text/html; charset=utf-8", headers=()):
    h.send_response(status)
    if content_type:
        h.send_header("Content-Type", content_type)
    h.send_header("Content-Length", str(len(body)))
    for name, value in headers:
        h.send_header(name, value)
    h.end_headers()
    h.wfile.write(body)


def page(text="Hello", title="Title"):
    return f"<!doctype html><html><head><title>{title}</title></head><body><p>{text}</p></body></html>".encode()


@pytest.fixture
def server():
    srv = RecordingServer()
    thread = threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield srv
    srv.stop.set()
    srv.shutdown()
    srv.server_close()


def make_fetcher(resolver=None, **overrides):
    values = {"fetch_allow_private": True, "fetch_timeout": 5.0} | overrides
    return Fetcher(Settings(_env_file=None, **values), resolver=resolver)


def fetch(url, resolver=None, **overrides):
    with make_fetcher(resolver, **overrides) as fetcher:
        return fetcher.fetch(url)


class Resolver:
    """Fixed DNS answers; records every lookup."""

    def __init__(self, answers: dict[str, list[str]] | None = None):
        self.answers = answers or {"allowed.test": ["127.0.0.1"]}
        self.calls: list[str] = []

    def __call__(self, host, port):
        self.calls.append(host)
        if host not in self.answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return self.answers[host]


# --- the ordinary case -----------------------------------------------------------------------


def test_fetches_a_page_with_an_honest_user_agent(server):
    server.routes["/news"] = lambda h: reply(h, body=page("Seoul declines"))
    result = fetch(server.url("/news"))
    assert result.url == server.url("/news")
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"
    assert "<p>Seoul declines</p>" in result.text
    sent = server.headers[0]
    assert sent["user-agent"] == f"Verdict/{__version__} (+https://github.com/verdict-bot; link summaries for Slack)"
    assert sent["accept-encoding"] == "gzip, deflate"
    assert sent["host"] == f"127.0.0.1:{server.server_port}"


def test_plain_text_and_xhtml_are_pages(server):
    server.routes["/t"] = lambda h: reply(h, body=b"Headline\nBody.", content_type="text/plain")
    server.routes["/x"] = lambda h: reply(h, body=page(), content_type="application/xhtml+xml")
    assert fetch(server.url("/t")).content_type == "text/plain"
    assert fetch(server.url("/x")).content_type == "application/xhtml+xml"


def test_many_threads_share_one_fetcher(server):
    server.routes["/p"] = lambda h: reply(h, body=page("shared"))
    with make_fetcher(fetch_per_host_limit=4) as fetcher, ThreadPoolExecutor(8) as pool:
        pages = list(pool.map(fetcher.fetch, [server.url(f"/p?n={n}") for n in range(24)]))
    assert all("shared" in p.text for p in pages)


# --- addresses -------------------------------------------------------------------------------


def test_loopback_is_refused_without_any_connection(server):
    server.routes["/"] = lambda h: reply(h, body=page())
    with pytest.raises(BlockedAddress) as caught:
        fetch(server.url("/"), fetch_allow_private=False)
    assert str(caught.value) == "that address is on a private network"
    time.sleep(0.1)  # a connection, had one been made, would be accepted by now
    assert server.connections == 0
    fetch(server.url("/"))  # the control: the same URL with FETCH_ALLOW_PRIVATE connects
    assert server.connections == 1


def test_localhost_is_refused_through_the_system_resolver(server):
    with pytest.raises(BlockedAddress):
        fetch(server.url("/", host="localhost"), fetch_allow_private=False)
    assert server.connections == 0


NUMERIC_LOOPBACK = ["2130706433", "0177.0.0.1", "0x7f.1", "127.1", "0x7f000001", "0x7F.0.0.1",
                    "017700000001", "127.0.0.1.", "127.000.000.001"]


@pytest.mark.parametrize("spelling", NUMERIC_LOOPBACK)
def test_numeric_spellings_are_read_like_inet_aton(spelling):
    assert parse_numeric_host(spelling) == ipaddress.IPv4Address("127.0.0.1")


@pytest.mark.parametrize("spelling", NUMERIC_LOOPBACK)
def test_numeric_spellings_of_loopback_are_refused(server, spelling):
    resolver = Resolver()
    with pytest.raises(BlockedAddress):
        fetch(server.url("/", host=spelling), resolver, fetch_allow_private=False)
    assert resolver.calls == []  # decided from the number, not by DNS
    assert server.connections == 0


@pytest.mark.parametrize("spelling", ["2130706433", "0177.0.0.1", "0x7f.1", "127.1"])
def test_numeric_spellings_connect_to_the_canonical_address(server, spelling):
    server.routes["/"] = lambda h: reply(h, body=page())
    result = fetch(server.url("/", host=spelling))
    assert result.url == server.url("/")  # rewritten like a browser: http://127.0.0.1:PORT/
    assert server.headers[0]["host"] == f"127.0.0.1:{server.server_port}"


@pytest.mark.parametrize("host", ["1.2.3.4.5", "256.0.0.1", "08.0.0.1", "0x100000000", "1..2", "example.123"])
def test_malformed_numeric_hosts_are_invalid(host):
    with pytest.raises(InvalidURL):
        fetch(f"http://{host}/", Resolver())


@pytest.mark.parametrize("url", ["http://", "http://[::1/", "http://127.0.0.1:99999/", "http:///path", "https://exa mple.org/"])
def test_malformed_urls_are_invalid(url):
    with pytest.raises(InvalidURL):
        fetch(url, Resolver())


PRIVATE = ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "100.64.0.1", "198.18.0.1", "192.0.2.1",
           "198.51.100.7", "203.0.113.9", "::1", "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1",
           "::ffff:10.0.0.1", "2002:7f00:1::1", "2002:c0a8:101::1", "64:ff9b::7f00:1", "64:ff9b::a00:1",
           "2001:0:4136:e378:8000:63bf:3fff:fdd2", "::7f00:1", "2001:db8::1"]
NEVER = ["169.254.169.254", "169.254.170.2", "100.100.100.200", "169.254.1.1", "0.0.0.0", "0.1.2.3",
         "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255", "192.0.0.192", "168.63.129.16",
         "fd00:ec2::254", "fe80::1", "::", "ff02::1", "::ffff:169.254.169.254", "2002:a9fe:a9fe::1",
         "64:ff9b::a9fe:a9fe", "2001:0:4136:e378:8000:63bf:5601:5601"]
GLOBAL = ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e",
          "2002:808:808::1", "64:ff9b::808:808", "::ffff:8.8.8.8"]


@pytest.mark.parametrize("address", PRIVATE)
def test_private_addresses_pass_only_with_allow_private(address):
    assert address_reach(ipaddress.ip_address(address)) is Reach.PRIVATE


@pytest.mark.parametrize("address", NEVER)
def test_metadata_link_local_unspecified_and_multicast_never_pass(address):
    assert address_reach(ipaddress.ip_address(address)) is Reach.NEVER


@pytest.mark.parametrize("address", GLOBAL)
def test_global_addresses_pass(address):
    assert address_reach(ipaddress.ip_address(address)) is Reach.GLOBAL


@pytest.mark.parametrize("address", PRIVATE)
def test_resolving_to_a_private_address_is_refused(address, connects):
    resolver = Resolver({"intranet.test": [address]})
    with pytest.raises(BlockedAddress):
        fetch("http://intranet.test/", resolver, fetch_allow_private=False)
    assert resolver.calls == ["intranet.test"] and connects == []


@pytest.mark.parametrize("address", NEVER)
def test_metadata_addresses_are_refused_even_with_allow_private(address, connects):
    with pytest.raises(BlockedAddress):
        fetch("http://cloud.test/latest/meta-data/", Resolver({"cloud.test": [address]}))
    assert connects == []


@pytest.mark.parametrize("literal", ["[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[2002:7f00:1::1]",
                                     "[64:ff9b::7f00:1]", "[fc00::1]", "[::7f00:1]"])
def test_ipv6_literals_of_private_addresses_are_refused(literal, connects):
    with pytest.raises(BlockedAddress):
        fetch(f"http://{literal}/", Resolver(), fetch_allow_private=False)
    assert connects == []


@pytest.mark.parametrize("literal", ["[fd00:ec2::254]", "[fe80::1]", "[fe80::1%25eth0]", "[::]",
                                     "[::ffff:169.254.169.254]", "[2002:a9fe:a9fe::]", "[64:ff9b::a9fe:a9fe]"])
def test_ipv6_literals_of_metadata_addresses_are_refused_with_allow_private(literal, connects):
    with pytest.raises(BlockedAddress):
        fetch(f"http://{literal}/", Resolver())
    assert connects == []


def test_ipv6_loopback_is_fetched_with_allow_private():
    try:
        srv = _ipv6_server()
    except OSError:
        pytest.skip("no IPv6 loopback here")
    result = fetch(f"http://[::1]:{srv.server_port}/", Resolver())
    assert result.url == f"http://[::1]:{srv.server_port}/"
    srv.shutdown()
    srv.server_close()


def _ipv6_server():
    class V6(ThreadingHTTPServer):
        address_family = socket.AF_INET6
        daemon_threads = True

    class H(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            reply(self, body=page())

        def log_message(self, *args):
            pass

    srv = V6(("::1", 0), H)
    threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True).start()
    return srv


def test_every_address_must_be_global(connects):
    mixed = Resolver({"mixed.test": ["8.8.8.8", "10.0.0.1"], "meta.test": ["8.8.8.8", "169.254.169.254"]})
    with pytest.raises(BlockedAddress):
        fetch("http://mixed.test/", mixed, fetch_allow_private=False)
    with pytest.raises(BlockedAddress):
        fetch("http://meta.test/", mixed)
    assert connects == []


def test_host_is_resolved_once_and_the_checked_address_is_connected(server, connects):
    """DNS rebinding: a second lookup would answer the metadata address; there is none."""
    server.routes["/"] = lambda h: reply(h, body=page("rebinding"))
    answers = iter([["127.0.0.1"], ["169.254.169.254"]])
    calls = []

    def rebinding(host, port):
        calls.append(host)
        return next(answers)

    result = fetch(server.url("/", host="allowed.test"), rebinding)
    assert "rebinding" in result.text and calls == ["allowed.test"]
    assert connects == ["127.0.0.1"]
    assert server.headers[0]["host"] == f"allowed.test:{server.server_port}"  # the name, not the address


# --- URLs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/file", "file:///etc/passwd", "javascript:alert(1)",
                                 "data:text/html,<p>hi</p>", "gopher://127.0.0.1:70/", "example.org/news"])
def test_schemes_other_than_http_are_refused(url, connects):
    with pytest.raises(UnsupportedScheme):
        fetch(url, Resolver())
    assert connects == []


@pytest.mark.parametrize("netloc", ["user:secret@127.0.0.1", "user@127.0.0.1", ":pw@allowed.test", "a@b@allowed.test"])
def test_credentials_in_the_url_are_refused(server, netloc):
    with pytest.raises(CredentialsInURL) as caught:
        fetch(f"http://{netloc}:{server.server_port}/", Resolver())
    assert str(caught.value) == "the link carries a user name or password"
    assert server.connections == 0


# --- redirects -------------------------------------------------------------------------------


def redirect_to(location, status=302):
    return lambda h: reply(h, status, headers=[("Location", location)])


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/",
                                    "http://100.100.100.200/", "http://169.254.170.2/v2/credentials",
                                    "http://0.0.0.0/", "http://2852039166/", "http://metadata.test/"])
def test_redirect_from_an_allowed_address_to_metadata_is_refused(server, connects, target):
    server.routes["/go"] = redirect_to(target)
    resolver = Resolver({"allowed.test": ["127.0.0.1"], "metadata.test": ["169.254.169.254"]})
    started = time.monotonic()
    with pytest.raises(BlockedAddress):
        fetch(server.url("/go", host="allowed.test"), resolver)
    assert connects == ["127.0.0.1"]  # the allowed hop only: no attempt on the metadata address
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(("location", "error"), [
    ("ftp://127.0.0.1/x", UnsupportedScheme),
    ("javascript:alert(1)", UnsupportedScheme),
    ("file:///etc/passwd", UnsupportedScheme),
    ("http://user:pw@allowed.test/", CredentialsInURL),
    ("http://[::1/", InvalidURL),
])
def test_every_redirect_hop_is_checked_again(server, location, error):
    server.routes["/go"] = redirect_to(location)
    with pytest.raises(error):
        fetch(server.url("/go"), Resolver())


def test_each_hop_is_resolved_and_followed(server, connects):
    server.routes["/a"] = redirect_to(server.url("/b", host="other.test"), 301)
    server.routes["/b"] = redirect_to("/c?x=1", 307)  # relative, against other.test
    server.routes["/c"] = lambda h: reply(h, body=page("arrived"))
    resolver = Resolver({"allowed.test": ["127.0.0.1"], "other.test": ["127.0.0.1"]})
    result = fetch(server.url("/a", host="allowed.test"), resolver)
    assert result.url == server.url("/c?x=1", host="other.test")
    assert "arrived" in result.text
    assert resolver.calls == ["allowed.test", "other.test", "other.test"]


def test_at_most_five_redirects(server):
    for n in range(MAX_REDIRECTS + 1):
        server.routes[f"/r{n}"] = redirect_to(f"/r{n + 1}")
    server.routes[f"/r{MAX_REDIRECTS}"] = lambda h: reply(h, body=page("end"))
    assert "end" in fetch(server.url("/r0")).text  # exactly five redirects
    server.routes[f"/r{MAX_REDIRECTS}"] = redirect_to("/r0")
    with pytest.raises(TooManyRedirects):
        fetch(server.url("/r0"))
    assert len(server.headers) == (MAX_REDIRECTS + 1) * 2


def test_cookies_follow_a_redirect_chain_but_not_the_next_fetch(server):
    server.routes["/set"] = lambda h: reply(h, 302, headers=[("Location", "/check"), ("Set-Cookie", "consent=yes; Path=/")])
    server.routes["/check"] = lambda h: reply(h, body=page(h.headers.get("Cookie", "none")))
    with make_fetcher() as fetcher:
        assert "consent=yes" in fetcher.fetch(server.url("/set")).text
        assert "<p>none</p>" in fetcher.fetch(server.url("/check")).text


# --- content types and sizes -----------------------------------------------------------------


def withheld_body(server, content_type, size=100_000, encoding=None):
    """Headers now; the body only when the test ends, so reading it would hang the fetch."""

    def route(h):
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(size))
        if encoding:
            h.send_header("Content-Encoding", encoding)
        h.end_headers()
        h.wfile.flush()
        server.stop.wait(30)
        server.body_written = True
        h.wfile.write(b"x" * size)

    return route


@pytest.mark.parametrize(("content_type", "message"), [
    ("image/png", "that link is an image, not a web page"),
    ("application/json; charset=utf-8", "that link is JSON data, not a web page"),
    ("video/mp4", "that link is a video, not a web page"),
    ("application/zip", "that link is a file download, not a web page"),
])
def test_other_content_types_are_refused_before_the_body(server, content_type, message):
    server.routes["/file"] = withheld_body(server, content_type)
    started = time.monotonic()
    with pytest.raises(UnsupportedContent) as caught:
        fetch(server.url("/file"))
    assert str(caught.value) == message
    assert time.monotonic() - started < 2  # did not wait for the withheld body
    assert server.body_written is False


def test_declared_length_over_the_cap_is_refused_before_the_body(server):
    server.routes["/big"] = withheld_body(server, "text/html", size=2_000_000)
    started = time.monotonic()
    with pytest.raises(TooLarge) as caught:
        fetch(server.url("/big"), fetch_max_bytes=1_000_000)
    assert str(caught.value) == "the page is larger than 1 MB"
    assert time.monotonic() - started < 2 and server.body_written is False


def test_undeclared_body_over_the_cap_is_cut_off(server):
    def endless(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()  # no Content-Length: the body runs until the connection closes
        for _ in range(100):
            h.wfile.write(b"<p>" + b"a" * 65_536 + b"</p>")

    server.routes["/endless"] = endless
    with pytest.raises(TooLarge):
        fetch(server.url("/endless"), fetch_max_bytes=1_000_000)


def test_page_just_under_the_cap_is_read(server):
    body = b"<html><body>" + b"a" * (100_000 - 26) + b"</body></html>"
    assert len(body) == 100_000
    server.routes["/fits"] = lambda h: reply(h, body=body)
    assert len(fetch(server.url("/fits"), fetch_max_bytes=100_000).text) == 100_000


def _gzip_bomb(megabytes=50) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1_000_000)
    return b"".join(packer.compress(zeros) for _ in range(megabytes)) + packer.flush()


def test_gzip_bomb_stops_at_the_cap_in_small_memory(server):
    bomb = _gzip_bomb()
    assert len(bomb) < 100_000  # 50 MB of zeros
    server.routes["/bomb"] = lambda h: reply(h, body=bomb, headers=[("Content-Encoding", "gzip")])
    with make_fetcher(fetch_max_bytes=1_000_000) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(TooLarge):
                fetcher.fetch(server.url("/bomb"))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 6_000_000, f"peak {peak / 1e6:.1f} MB"


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "raw-deflate"])
def test_compressed_pages_are_decoded(server, encoding):
    body = page("compressed " * 2000)
    packed = {"gzip": gzip.compress(body), "deflate": zlib.compress(body),
              "raw-deflate": zlib.compress(body, wbits=-zlib.MAX_WBITS)}[encoding]
    header = "deflate" if encoding == "raw-deflate" else encoding
    server.routes["/z"] = lambda h: reply(h, body=packed, headers=[("Content-Encoding", header)])
    assert fetch(server.url("/z")).text == body.decode()


def test_a_corrupt_compressed_body_fails(server):
    server.routes["/bad"] = lambda h: reply(h, body=b"\x1f\x8b\x08\x00garbage-not-gzip", headers=[("Content-Encoding", "gzip")])
    with pytest.raises(ConnectionFailed) as caught:
        fetch(server.url("/bad"))
    assert str(caught.value) == "the server sent a corrupt compressed page"


def test_an_untyped_body_that_looks_like_html_is_html(server):
    server.routes["/untyped"] = lambda h: reply(h, body=b"\n  <!DOCTYPE html><html><body>ok</body></html>", content_type=None)
    result = fetch(server.url("/untyped"))
    assert result.content_type == "text/html" and "ok" in result.text


def test_an_untyped_body_that_is_not_html_is_refused(server):
    server.routes["/blob"] = lambda h: reply(h, body=b"GIF89a\n" + bytes(range(256)) * 8, content_type=None)
    with pytest.raises(UnsupportedContent) as caught:
        fetch(server.url("/blob"))
    assert str(caught.value) == "that link is a file download, not a web page"


# --- charsets --------------------------------------------------------------------------------


def test_latin1_page_declared_in_the_header(server):
    body = page("Café Zürich — naïve").replace("—".encode(), b"-")
    latin = body.decode().encode("latin-1")
    server.routes["/l"] = lambda h: reply(h, body=latin, content_type="text/html; charset=ISO-8859-1")
    result = fetch(server.url("/l"))
    assert "Café Zürich - naïve" in result.text and result.charset == "cp1252"


def test_meta_charset_page(server):
    body = '<html><head><meta charset="windows-1251"><title>Новости</title></head><body>Москва</body></html>'
    server.routes["/m"] = lambda h: reply(h, body=body.encode("cp1251"), content_type="text/html")
    result = fetch(server.url("/m"))
    assert "Новости" in result.text and "Москва" in result.text and result.charset == "cp1251"


def test_meta_http_equiv_charset_page(server):
    body = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">'
            '</head><body>Prix : 10 €</body></html>')
    server.routes["/e"] = lambda h: reply(h, body=body.encode("iso-8859-15"), content_type="text/html")
    assert "10 €" in fetch(server.url("/e")).text


def test_undeclared_charset_falls_back_from_utf8_to_cp1252(server):
    server.routes["/u"] = lambda h: reply(h, body="<p>déjà “vu”</p>".encode(), content_type="text/html")
    server.routes["/w"] = lambda h: reply(h, body="<p>déjà “vu”</p>".encode("cp1252"), content_type="text/html")
    assert fetch(server.url("/u")).text == "<p>déjà “vu”</p>"
    result = fetch(server.url("/w"))
    assert result.text == "<p>déjà “vu”</p>" and result.charset == "cp1252"


def test_byte_order_mark_wins(server):
    body = "\ufeff<p>ünïcode</p>".encode("utf-16-le")
    server.routes["/bom"] = lambda h: reply(h, body=body, content_type="text/html; charset=iso-8859-1")
    assert fetch(server.url("/bom")).text == "<p>ünïcode</p>"


# --- time ------------------------------------------------------------------------------------


def test_a_server_that_drips_the_body_is_cut_off_at_the_deadline(server):
    def drip(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        h.wfile.flush()
        while not server.stop.wait(0.2):  # one byte every 0.2 s, forever
            h.wfile.write(b"x")

    server.routes["/drip"] = drip
    started = time.monotonic()
    with pytest.raises(FetchTimeout) as caught:
        fetch(server.url("/drip"), fetch_timeout=1.0)
    assert 0.9 < time.monotonic() - started < 5  # the 1 s deadline, not the endless drip
    assert str(caught.value) == "the page did not load within 1 s"


def test_a_server_that_drips_the_headers_is_cut_off_at_the_deadline(server):
    def drip_headers(h):
        for byte in b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"a" * 1000:
            if server.stop.wait(0.1):
                return
            h.wfile.write(bytes([byte]))

    server.routes["/slow-headers"] = drip_headers
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetch(server.url("/slow-headers"), fetch_timeout=1.0)
    assert time.monotonic() - started < 5


def test_a_silent_server_times_out(server):
    server.routes["/silent"] = lambda h: server.stop.wait(30)
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetch(server.url("/silent"), fetch_timeout=0.5)
    assert time.monotonic() - started < 5  # the 0.5 s deadline, not the 30 s silence


def test_the_deadline_covers_all_redirect_hops(server):
    def slow_redirect(h):
        time.sleep(0.3)
        reply(h, 302, headers=[("Location", "/slow")])

    server.routes["/slow"] = slow_redirect
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetch(server.url("/slow"), fetch_timeout=1.0)  # five hops of 0.3 s do not fit in 1 s
    assert time.monotonic() - started < 5


def test_a_tls_handshake_that_drips_is_cut_off(connects):
    """A 'server' that starts a 16 KB TLS record and sends it one byte per 0.2 s."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve():
        conn, _ = listener.accept()
        with conn:
            conn.sendall(b"\x16\x03\x03\x40\x00")
            while not stop.wait(0.2):
                try:
                    conn.sendall(b"\x00")
                except OSError:
                    return

    threading.Thread(target=serve, daemon=True).start()
    port = listener.getsockname()[1]
    started = time.monotonic()
    try:
        with pytest.raises(FetchTimeout):
            fetch(f"https://allowed.test:{port}/", Resolver(), fetch_timeout=1.0)
        assert time.monotonic() - started < 5
    finally:
        stop.set()
        listener.close()


# --- HTTP errors and connection failures -----------------------------------------------------


def test_429_keeps_retry_after(server):
    server.routes["/busy"] = lambda h: reply(h, 429, b"slow down", headers=[("Retry-After", "120")])
    server.routes["/busy-date"] = lambda h: reply(h, 429, headers=[("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")])
    with pytest.raises(HTTPError) as caught:
        fetch(server.url("/busy"))
    assert caught.value.status_code == 429 and caught.value.transient and caught.value.retry_after == 120
    assert str(caught.value) == "the server answered HTTP 429 (too many requests)"
    with pytest.raises(HTTPError) as caught:
        fetch(server.url("/busy-date"))
    assert caught.value.retry_after == 0  # a date in the past: retry now


def test_5xx_is_transient_and_4xx_is_not(server):
    server.routes["/down"] = lambda h: reply(h, 503, b"maintenance")
    with pytest.raises(HTTPError) as caught:
        fetch(server.url("/down"))
    assert caught.value.status_code == 503 and caught.value.transient and caught.value.retry_after is None
    with pytest.raises(HTTPError) as caught:
        fetch(server.url("/missing"))
    assert caught.value.status_code == 404 and not caught.value.transient
    assert str(caught.value) == "the server answered HTTP 404 (page not found)"


def test_connection_refused():
    with socket.create_server(("127.0.0.1", 0)) as sock:
        port = sock.getsockname()[1]
    with pytest.raises(ConnectionFailed) as caught:
        fetch(f"http://127.0.0.1:{port}/")
    assert str(caught.value) == "connection refused" and caught.value.transient


def test_unresolvable_host():
    with pytest.raises(ConnectionFailed) as caught:
        fetch("http://example.invalid/", Resolver())
    assert str(caught.value) == "could not resolve example.invalid"


def test_a_server_that_hangs_up_fails(server):
    server.routes["/hangup"] = lambda h: h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Le")
    with pytest.raises(ConnectionFailed):
        fetch(server.url("/hangup"))


def test_errors_are_source_errors_with_the_right_kind():
    assert issubclass(BlockedAddress, Refused) and issubclass(TooLarge, Refused)
    assert issubclass(InvalidURL, Refused) and not issubclass(FetchTimeout, Refused)


# --- politeness and environment --------------------------------------------------------------


def test_at_most_n_concurrent_fetches_per_host(server):
    def slow(h):
        with server.lock:
            server.active += 1
            server.max_active = max(server.max_active, server.active)
        time.sleep(0.25)
        with server.lock:
            server.active -= 1
        reply(h, body=page("slow"))

    server.routes["/slow"] = slow
    with make_fetcher(fetch_per_host_limit=2) as fetcher, ThreadPoolExecutor(6) as pool:
        pages = list(pool.map(fetcher.fetch, [server.url(f"/slow?n={n}") for n in range(6)]))
    assert len(pages) == 6
    assert server.max_active == 2


def test_proxy_environment_variables_are_ignored(server, monkeypatch):
    proxy = RecordingServer()
    threading.Thread(target=proxy.serve_forever, args=(0.05,), daemon=True).start()
    try:
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
            monkeypatch.setenv(name, proxy.url("/"))
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        server.routes["/"] = lambda h: reply(h, body=page("direct"))
        assert "direct" in fetch(server.url("/")).text
        assert proxy.connections == 0 and server.connections == 1
    finally:
        proxy.shutdown()
        proxy.server_close()


# --- TLS: the name is verified while the checked address is connected ------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=allowed.test",
                    "-addext", "subjectAltName=DNS:allowed.test"], check=True, capture_output=True)
    return cert, key


@pytest.fixture
def https_server(certificate):
    srv = RecordingServer()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    srv.socket = context.wrap_socket(srv.socket, server_side=True)
    srv.routes["/"] = lambda h: reply(h, body=page("secure"))
    threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True).start()
    yield srv
    srv.stop.set()
    srv.shutdown()
    srv.server_close()


def test_https_verifies_the_hostname_on_the_pinned_address(https_server, certificate, connects):
    trusted = ssl.create_default_context(cafile=str(certificate[0]))
    settings = Settings(_env_file=None, fetch_allow_private=True, fetch_timeout=5)
    with Fetcher(settings, resolver=Resolver(), ssl_context=trusted) as fetcher:
        result = fetcher.fetch(f"https://allowed.test:{https_server.server_port}/")
    assert "secure" in result.text and connects == ["127.0.0.1"]


def test_https_with_an_untrusted_certificate_fails(https_server):
    with pytest.raises(ConnectionFailed) as caught:
        fetch(f"https://allowed.test:{https_server.server_port}/", Resolver())
    assert str(caught.value) == "the certificate of allowed.test is not valid"
