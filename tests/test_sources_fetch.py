"""Fetching sources from a loopback HTTP server (aiohttp.web on 127.0.0.1, a free port).

The server plays GitHub's API and raw files, models.dev and OpenRouter, serving the snapshots (the fixtures,
and the real ones from ../shared where present) and altered copies: 304s on ETag and Last-Modified, a 500,
a stall, truncated JSON, HTML, a copy with half its models gone, an endless body. Each fault is one line
naming the source and why, and the last good snapshot stays as it was.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import socket
import sys
from dataclasses import dataclass, field
from email.utils import format_datetime

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from catalog.sources import NotModified, Snapshot, SourceRefused, dump_snapshot, fetch_snapshot, read_snapshot
from catalog.sources.fetch import LiveAddresses
from tests.conftest import FIXTURES, SHARED

LITELLM = (FIXTURES / "sources" / "litellm_lifecycle.json").read_bytes()
GENAI = (FIXTURES / "sources" / "genai_prices.json").read_bytes()
API_JSON = (FIXTURES / "sources" / "models_dev_api.json").read_bytes()
OPENROUTER = (FIXTURES / "importers" / "openrouter.json").read_bytes()
GENAI_SHA = "47df840a0123456789abcdef0123456789abcdef"
MODELS_DEV_SHA = "f3fc69229aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"


@dataclass
class Upstream:
    """What the loopback server serves, and what it saw."""

    files: dict[str, bytes] = field(default_factory=dict)
    tag: str = "v1.110.2"
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    sent: dict[str, int] = field(default_factory=dict)


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest() + '"'


def _last_modified(body: bytes) -> str:
    """A Last-Modified that changes with the body (a minute of 2026-11-20 picked by its hash)."""
    minute = int(hashlib.sha1(body).hexdigest(), 16) % 1440
    return format_datetime(dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc) + dt.timedelta(minutes=minute), usegmt=True)


def make_app(up: Upstream) -> web.Application:
    async def serve(request: web.Request) -> web.StreamResponse:
        path = request.path
        up.requests.append((path, dict(request.headers)))
        if path == "/repos/BerriAI/litellm/releases/latest":
            return web.json_response({"tag_name": up.tag})
        if path == "/repos/pydantic/genai-prices/commits/main":
            return web.json_response({"sha": GENAI_SHA})
        if path == "/repos/anomalyco/models.dev/commits/dev":
            return web.json_response({"sha": MODELS_DEV_SHA})
        if path == "/fault/500":
            return web.Response(status=500, text="upstream broke")
        if path == "/fault/stall":
            await asyncio.sleep(30)
            return web.Response(text="{}")
        if path == "/fault/html":
            return web.Response(text="<!doctype html><title>Just a moment...</title>", content_type="text/html")
        if path == "/fault/html-as-json":
            return web.Response(text="<html><body>maintenance</body></html>", content_type="application/json")
        if path == "/fault/endless":
            response = web.StreamResponse(headers={"Content-Type": "application/json"})
            await response.prepare(request)
            chunk = b"[" + b" " * (256 * 1024 - 1)
            up.sent[path] = 0
            try:
                for _ in range(4000):  # up to 1 GB if nobody stops reading
                    await response.write(chunk)
                    up.sent[path] += len(chunk)
            except (ConnectionResetError, ConnectionError, asyncio.CancelledError):
                pass
            return response
        body = up.files.get(path)
        if body is None:
            return web.Response(status=404, text="not found")
        etag = _etag(body)
        modified = _last_modified(body)
        if request.headers.get("If-None-Match") == etag or request.headers.get("If-Modified-Since") == modified:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, content_type="text/plain", headers={"ETag": etag, "Last-Modified": modified})

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", serve)
    return app


@pytest.fixture
async def upstream():
    up = Upstream()
    up.files.update(
        {
            "/BerriAI/litellm/v1.110.2/model_prices_and_context_window.json": LITELLM,
            f"/pydantic/genai-prices/{GENAI_SHA}/prices/data.json": GENAI,
            "/api.json": API_JSON,
            "/api/v1/models": OPENROUTER,
        }
    )
    server = TestServer(make_app(up), host="127.0.0.1", port=0)
    await server.start_server()
    base = str(server.make_url("")).rstrip("/")
    up.base = base  # type: ignore[attr-defined]
    up.live = LiveAddresses(github_api=base, github_raw=base, models_dev=f"{base}/api.json", openrouter=f"{base}/api/v1/models")  # type: ignore[attr-defined]
    yield up
    await server.close()


async def fetch(up, source, location=None, **options):
    return await fetch_snapshot(source, location, live=up.live, timeout=options.pop("timeout", 5), **options)


# --- the live addresses, pinned ---------------------------------------------------------------

async def test_litellm_is_fetched_at_its_newest_release_tag_and_cited_there(upstream):
    snap = await fetch(upstream, "litellm")
    assert isinstance(snap, Snapshot)
    assert (snap.version, snap.label) == ("1.110.2", "LiteLLM 1.110.2")
    assert snap.url == f"{upstream.base}/BerriAI/litellm/v1.110.2/model_prices_and_context_window.json"
    assert snap.etag == _etag(LITELLM) and snap.last_modified == _last_modified(LITELLM)
    assert {d.origin.url for d in snap.drafts} == {
        "https://github.com/BerriAI/litellm/blob/v1.110.2/model_prices_and_context_window.json"
    }
    assert {d.origin.date for d in snap.drafts} == {snap.fetched_at.date()}
    assert snap.fetched_at.tzinfo is dt.timezone.utc


async def test_genai_prices_at_mains_newest_commit_and_models_dev_files_at_theirs(upstream):
    genai = await fetch(upstream, "genai-prices")
    assert genai.version == GENAI_SHA and genai.label == "genai-prices (47df840)"
    assert {d.origin.url for d in genai.drafts} == {f"https://github.com/pydantic/genai-prices/blob/{GENAI_SHA}/prices/data.json"}
    models_dev = await fetch(upstream, "models-dev")
    assert models_dev.url == f"{upstream.base}/api.json" and models_dev.version == MODELS_DEV_SHA
    urls = {r.origin.url for d in models_dev.drafts for r in d.routes.values()}
    assert f"https://github.com/anomalyco/models.dev/blob/{MODELS_DEV_SHA}/providers/openai/models/gpt-4.1-mini.toml" in urls
    openrouter = await fetch(upstream, "openrouter")
    assert openrouter.label == "OpenRouter models API" and openrouter.count == 3


async def test_models_dev_without_githubs_word_cites_api_json(upstream):
    live = LiveAddresses(github_api=f"{upstream.base}/nothing-here", models_dev=upstream.live.models_dev)
    snap = await fetch_snapshot("models-dev", live=live, timeout=5)
    assert snap.version is None
    assert {r.origin.url for d in snap.drafts for r in d.routes.values()} == {f"{upstream.base}/api.json"}


async def test_models_dev_is_fetched_when_github_cannot_be_reached(upstream):
    with socket.socket() as closed:  # a loopback port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    live = LiveAddresses(github_api=f"http://127.0.0.1:{port}", models_dev=upstream.live.models_dev)
    snap = await fetch_snapshot("models-dev", live=live, timeout=5)
    assert isinstance(snap, Snapshot) and snap.version is None and snap.count > 0


async def test_a_url_given_is_fetched_and_its_release_read_from_it(upstream):
    upstream.files["/mirror/1.105.0.json"] = LITELLM
    snap = await fetch(upstream, "litellm", f"{upstream.base}/mirror/1.105.0.json")
    assert snap.version == "1.105.0"
    assert snap.drafts[0].origin.url == "https://github.com/BerriAI/litellm/blob/v1.105.0/model_prices_and_context_window.json"
    upstream.files["/mirror/prices.json"] = LITELLM
    snap = await fetch(upstream, "litellm", f"{upstream.base}/mirror/prices.json")
    assert snap.version is None
    assert {d.origin.url for d in snap.drafts} == {f"{upstream.base}/mirror/prices.json"}  # the address given


async def test_a_local_path_is_read_directly_with_the_same_checks(upstream, tmp_path):
    path = tmp_path / "1.110.2.json"
    path.write_bytes(LITELLM)
    snap = await fetch(upstream, "litellm", str(path))
    assert snap.version == "1.110.2" and snap.url == path.resolve().as_uri()
    again = await fetch(upstream, "litellm", path, last_good=snap.meta)
    assert isinstance(again, NotModified) and again.reason == "the same bytes as the last good snapshot"
    path.write_bytes(b"<html>")
    with pytest.raises(SourceRefused, match=r"^litellm: refused: .*1\.110\.2\.json: not JSON"):
        await fetch(upstream, "litellm", path)
    tree = await fetch(upstream, "models-dev", FIXTURES / "importers" / "models_dev")
    assert any(d.creator_file for d in tree.drafts)


# --- not modified ---------------------------------------------------------------------------------

async def test_304_on_the_etag_and_on_last_modified(upstream):
    first = await fetch(upstream, "openrouter")
    again = await fetch(upstream, "openrouter", last_good=first.meta)
    assert isinstance(again, NotModified) and again.reason == "HTTP 304 Not Modified" and again.last_good == first.meta
    _, headers = upstream.requests[-1]
    assert headers["If-None-Match"] == first.etag and headers["If-Modified-Since"] == _last_modified(OPENROUTER)
    from dataclasses import replace

    by_date = replace(first.meta, etag=None)
    again = await fetch(upstream, "openrouter", last_good=by_date)
    assert isinstance(again, NotModified)
    assert "If-None-Match" not in upstream.requests[-1][1]


async def test_the_same_release_is_not_downloaded_again(upstream):
    first = await fetch(upstream, "litellm")
    asked = len(upstream.requests)
    again = await fetch(upstream, "litellm", last_good=first.meta)
    assert isinstance(again, NotModified) and again.reason == "still LiteLLM 1.110.2"
    assert [p for p, _ in upstream.requests[asked:]] == ["/repos/BerriAI/litellm/releases/latest"]
    upstream.tag = "v1.111.0"
    upstream.files["/BerriAI/litellm/v1.111.0/model_prices_and_context_window.json"] = LITELLM
    newer = await fetch(upstream, "litellm", last_good=first.meta)
    assert isinstance(newer, Snapshot) and newer.version == "1.111.0"


# --- refusals: one line, the last good snapshot untouched -----------------------------------------

def _half(body: bytes) -> bytes:
    data = json.loads(body)
    keep = list(data)[: len(data) // 2]
    return json.dumps({k: data[k] for k in keep}).encode()


FAULTS = [
    ("500", "/fault/500", {}, r"^litellm: refused: HTTP 500 from http://127\.0\.0\.1:\d+/fault/500$"),
    ("stall", "/fault/stall", {"timeout": 0.3}, r"^litellm: refused: no answer within 0\.3 s from http://127\.0\.0\.1:\d+/fault/stall$"),
    ("html", "/fault/html", {}, r"^litellm: refused: answered text/html, not JSON \(http://.*/fault/html\)$"),
    ("html labelled json", "/fault/html-as-json", {}, r"^litellm: refused: answered HTML \(application/json\), not JSON"),
    ("truncated", "/cut.json", {}, r"^litellm: refused: not JSON \(.* at line \d+ column \d+\)$"),
    ("another format", "/genai.json", {}, r"^litellm: refused: not a LiteLLM price map \(expected"),
    ("endless", "/fault/endless", {"max_bytes": 2 * 1024 * 1024}, r"^litellm: refused: the answer from http://.*/fault/endless passed the 2,097,152-byte cap; stopped reading$"),
    ("too big, said up front", "/big.json", {"max_bytes": 1000}, r"^litellm: refused: the answer from .*/big\.json is [\d,]+ bytes, over the 1,000-byte cap$"),
    ("unreachable", "http://127.0.0.1:1/x.json", {}, r"^litellm: refused: cannot reach http://127\.0\.0\.1:1/x\.json \(Client"),
]


@pytest.mark.parametrize(("name", "where", "options", "message"), FAULTS, ids=[f[0] for f in FAULTS])
async def test_a_fault_is_refused_in_one_line_and_the_last_good_snapshot_stays(upstream, name, where, options, message):
    upstream.files["/cut.json"] = LITELLM[: len(LITELLM) // 2]
    upstream.files["/genai.json"] = GENAI
    upstream.files["/big.json"] = LITELLM
    last_good = read_snapshot("litellm", LITELLM, url="https://example.org/1.109.1.json", fetched_at=dt.date(2026, 11, 12))
    kept = dump_snapshot(last_good)
    url = where if where.startswith("http") else f"{upstream.base}{where}"
    with pytest.raises(SourceRefused) as caught:
        await fetch(upstream, "litellm", url, last_good=last_good.meta, **options)
    assert "\n" not in str(caught.value)
    assert __import__("re").match(message, str(caught.value)), str(caught.value)
    assert dump_snapshot(last_good) == kept
    if name == "endless":
        await asyncio.sleep(0.2)
        assert upstream.sent["/fault/endless"] < 64 * 1024 * 1024  # stopped long before the 1 GB on offer


async def test_a_source_that_lost_half_its_models_is_refused(upstream):
    data = json.loads(OPENROUTER)
    first = await fetch(upstream, "openrouter")
    upstream.files["/api/v1/models"] = json.dumps({"data": data["data"][:2]}).encode()
    with pytest.raises(SourceRefused) as caught:
        await fetch(upstream, "openrouter", last_good=first.meta)
    assert str(caught.value) == "openrouter: refused: lists 2 models, 33% fewer than the last good snapshot (3)"


async def test_github_not_saying_the_release_is_a_refusal(upstream):
    upstream.tag = ""
    with pytest.raises(SourceRefused, match=r"^litellm: refused: GitHub did not say which release of LiteLLM is the newest$"):
        await fetch(upstream, "litellm")


def test_fetching_is_imported_only_when_used():
    import subprocess

    code = "import sys, catalog.sources; print('aiohttp' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# --- the real snapshots through the loopback server -----------------------------------------------

@pytest.fixture
def real_litellm():
    path = SHARED / "data" / "litellm-history" / "1.110.2.json"
    if not path.exists():
        pytest.skip("needs ../shared/data/litellm-history, which is only beside the checkout in CI and on developer machines")
    return path.read_bytes(), (SHARED / "data" / "litellm" / "model_prices_and_context_window.json").read_bytes()


async def test_real_litellm_release_fetched_then_not_modified_then_half_refused(upstream, real_litellm):
    newest, older = real_litellm
    upstream.files["/BerriAI/litellm/v1.110.2/model_prices_and_context_window.json"] = newest
    upstream.files["/mirror/model_prices_and_context_window.json"] = older
    last_good = await fetch(upstream, "litellm", f"{upstream.base}/mirror/model_prices_and_context_window.json")
    snap = await fetch(upstream, "litellm", last_good=last_good.meta)
    assert snap.version == "1.110.2" and snap.count > 1500
    same = await fetch(upstream, "litellm", snap.url, last_good=snap.meta)
    assert isinstance(same, NotModified) and same.reason == "HTTP 304 Not Modified"
    upstream.files["/half.json"] = _half(newest)
    with pytest.raises(SourceRefused, match=r"^litellm: refused: lists [\d,]+ models, \d\d% fewer than the last good snapshot \([\d,]+\)$"):
        await fetch(upstream, "litellm", f"{upstream.base}/half.json", last_good=snap.meta)
