"""A refresh end to end (catalog/refresh.py): sources served on loopback, reconciled, stored with their changes,
on SQLite and on a real PostgreSQL (the ``store`` fixture).

The real LiteLLM change from release 1.109.1 to 1.110.2 is refreshed and recorded; a refused source keeps its
last good snapshot while the others refresh; nothing fetched stores nothing; the same catalog is not stored
twice; a source that lost most of its models is refused.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from catalog.changes import ChangeKind
from catalog.refresh import NothingRefreshed, latest_catalog, refresh
from tests.conftest import FIXTURES, SHARED

TODAY = dt.date(2026, 11, 29)
LITELLM_FILES = {
    "v1.109.1": SHARED / "data" / "litellm" / "model_prices_and_context_window.json",
    "v1.110.2": SHARED / "data" / "litellm-history" / "1.110.2.json",
}


@pytest.fixture
async def upstream():
    """A loopback server: /v<release>/model_prices_and_context_window.json (LiteLLM at a release, with an
    ETag), /half/... (the same with half its entries gone), /fault/500, /tiny.json (a few entries)."""
    served: list[str] = []

    async def litellm(request: web.Request) -> web.StreamResponse:
        served.append(request.path)
        tag = request.match_info["tag"]
        path = LITELLM_FILES.get(tag)
        if path is None or not path.is_file():
            return web.Response(status=404)
        body = path.read_bytes()
        etag = f'"{tag}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, content_type="application/json", headers={"ETag": etag})

    async def half(request: web.Request) -> web.StreamResponse:
        data = json.loads(LITELLM_FILES["v1.110.2"].read_bytes())
        kept = dict(list(data.items())[: len(data) // 2])
        return web.Response(body=json.dumps(kept).encode(), content_type="application/json")

    async def fault(request: web.Request) -> web.StreamResponse:
        return web.Response(status=500, text="upstream broke")

    async def tiny(request: web.Request) -> web.StreamResponse:
        return web.Response(body=(FIXTURES / "sources" / "litellm_lifecycle.json").read_bytes(), content_type="application/json")

    app = web.Application()
    app.router.add_get("/{tag}/model_prices_and_context_window.json", litellm)
    app.router.add_get("/half/v1.110.2/model_prices_and_context_window.json", half)
    app.router.add_get("/fault/500", fault)
    app.router.add_get("/tiny/v1.110.2/model_prices_and_context_window.json", tiny)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    server.served = served  # type: ignore[attr-defined]
    yield server
    await server.close()


def url(server, path: str) -> str:
    return f"http://127.0.0.1:{server.port}{path}"


def needs_shared() -> None:
    if not all(path.is_file() for path in LITELLM_FILES.values()):
        pytest.skip("needs ../shared/data/litellm*, which is only beside the checkout in CI and on developer machines")


async def test_the_real_litellm_change_is_refreshed_and_recorded(store, upstream):
    needs_shared()
    first = await refresh(store, {"litellm": url(upstream, "/v1.109.1/model_prices_and_context_window.json")}, today=TODAY)
    assert first.version_id is not None and first.refused == []
    fetched_from = dt.datetime.now(dt.UTC).date()
    second = await refresh(store, {"litellm": url(upstream, "/v1.110.2/model_prices_and_context_window.json")}, today=TODAY)
    fetched_by = dt.datetime.now(dt.UTC).date()
    assert second.version_id is not None and second.version_id > first.version_id
    qwen = {
        (c.field, c.old, c.new)
        for c in second.changes
        if c.model_id == "qwen/qwen3.7-max" and c.provider == "Together AI" and c.kind is ChangeKind.PRICE_CHANGED
    }
    assert {("input", "1.5", "2.5"), ("output", "4.5", "7.5")} <= qwen
    change = next(c for c in second.changes if c.model_id == "qwen/qwen3.7-max" and c.field == "input")
    # cited at the release on GitHub, where a person can open it (the loopback address named the release)
    assert change.source_url == "https://github.com/BerriAI/litellm/blob/v1.110.2/model_prices_and_context_window.json"
    assert round(change.percent, 1) == Decimal("66.7")
    # the store keeps the changes with their version, and serves the new catalog
    stored = await store.changes(model_id="qwen/qwen3.7-max", version_id=second.version_id)
    assert {(c.field, c.old, c.new) for c in stored if c.provider == "Together AI"} >= qwen
    catalog = await latest_catalog(store)
    route = next(r for r in catalog["qwen/qwen3.7-max"].routes if r.provider == "Together AI")
    assert (route.input, route.output) == (Decimal("2.5"), Decimal("7.5"))
    assert str(route.source.url) == change.source_url
    # fetched on the day the listing was fetched (not the refresh's as-of day): the real date, in UTC
    assert route.source.how == "fetched" and fetched_from <= route.source.date <= fetched_by


async def test_a_refused_source_is_one_line_and_the_others_still_refresh(store, upstream):
    needs_shared()
    result = await refresh(
        store,
        {
            "litellm": url(upstream, "/v1.110.2/model_prices_and_context_window.json"),
            "openrouter": url(upstream, "/fault/500"),
        },
        today=TODAY,
    )
    assert result.version_id is not None
    assert len(result.refused) == 1
    (line,) = result.refused
    assert line.startswith("openrouter: refused: HTTP 500") and "\n" not in line
    assert await store.last_snapshot("openrouter") is None  # its last good snapshot is still the bundled one
    assert (await store.last_snapshot("litellm"))[0].version == "1.110.2"


async def test_nothing_fetched_stores_nothing(store, upstream):
    with pytest.raises(NothingRefreshed) as refused:
        await refresh(store, {"openrouter": url(upstream, "/fault/500")}, today=TODAY)
    assert refused.value.lines == [f"openrouter: refused: HTTP 500 from {url(upstream, '/fault/500')}"] or (
        len(refused.value.lines) == 1 and refused.value.lines[0].startswith("openrouter: refused: HTTP 500")
    )
    assert await store.latest_version() is None


async def test_a_source_that_lost_most_of_its_models_is_refused_and_nothing_changes(store, upstream):
    needs_shared()
    with pytest.raises(NothingRefreshed) as refused:
        await refresh(store, {"litellm": url(upstream, "/half/v1.110.2/model_prices_and_context_window.json")}, today=TODAY)
    (line,) = refused.value.lines
    assert line.startswith("litellm: refused: ") and "fewer" in line
    assert await store.latest_version() is None


async def test_a_tiny_listing_is_refused_against_the_bundled_last_good_snapshot(store, upstream):
    # No ../shared needed: the bundled snapshot of LiteLLM lists some 1,700 models, the fixture a handful.
    with pytest.raises(NothingRefreshed) as refused:
        await refresh(store, {"litellm": url(upstream, "/tiny/v1.110.2/model_prices_and_context_window.json")}, today=TODAY)
    assert "fewer" in refused.value.lines[0]


async def test_the_same_catalog_is_not_stored_again(store, upstream):
    needs_shared()
    address = url(upstream, "/v1.110.2/model_prices_and_context_window.json")
    first = await refresh(store, {"litellm": address}, today=TODAY)
    again = await refresh(store, {"litellm": address}, today=TODAY)
    assert first.version_id is not None
    assert again.version_id is None and again.changes == []
    assert again.unchanged and again.unchanged[0].startswith("litellm: not modified")
    assert (await store.latest_version()).id == first.version_id
