"""Fetching one source's snapshot: pinned live addresses, a total timeout, a size cap, a conditional GET.

``fetch_snapshot(source)`` fetches the live source at an address that pins its figures, so a citation
shows them: LiteLLM's JSON at its newest release tag, genai-prices' data at main's newest commit,
models.dev's ``api.json`` (its files cited at the repository's newest commit when GitHub says which),
OpenRouter's models API. ``location`` overrides the address (a URL, or a local path read directly).

The answer is refused (``SourceRefused``, one line naming the source and why) when the source cannot be
reached, does not answer within ``timeout`` seconds (the whole fetch, GitHub's look-up included),
answers other than 2xx, answers HTML or anything that is not its format (truncated JSON, another
document), is bigger than ``max_bytes`` (read as a stream, stopped as soon as the cap is passed), or
lists more than a fifth fewer models than ``last_good``. The caller keeps its last good snapshot.

With ``last_good`` from the same address, the request carries ``If-None-Match`` / ``If-Modified-Since``
from its ETag / Last-Modified; a 304, the same release or commit as ``last_good``, or the same bytes give
``NotModified``. Parsing runs in a worker thread, off the event loop.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from catalog.importers.errors import ImportReport
from catalog.sources.base import NotModified, Snapshot, SnapshotMeta, SourceRefused, one_line
from catalog.sources.read import DEFAULT_MAX_BYTES, adapter, load_path, parse_payload, path_url, utc

DEFAULT_TIMEOUT = 60.0
"""Seconds for one source's whole fetch."""

USER_AGENT = "versus-catalog-refresh (+https://github.com/)"
_LOOKUP_CAP = 1024 * 1024  # a GitHub API answer about one release or commit


@dataclass(frozen=True, slots=True)
class LiveAddresses:
    """Where the live sources are; tests point them at a loopback server."""

    github_api: str = "https://api.github.com"
    github_raw: str = "https://raw.githubusercontent.com"
    models_dev: str = "https://models.dev/api.json"
    openrouter: str = "https://openrouter.ai/api/v1/models"


LIVE = LiveAddresses()


@dataclass(frozen=True, slots=True)
class Target:
    url: str
    version: str | None
    pinned: bool  # the address itself names the release or commit (a new one is a new address)


@dataclass(frozen=True, slots=True)
class Answer:
    body: bytes
    etag: str | None
    last_modified: str | None


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


async def fetch_snapshot(
    source: str,
    location: str | Path | None = None,
    *,
    last_good: SnapshotMeta | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    session: aiohttp.ClientSession | None = None,
    live: LiveAddresses = LIVE,
    report: ImportReport | None = None,
) -> Snapshot | NotModified:
    """The source's snapshot, or ``NotModified``; raises ``SourceRefused`` (one line) when it cannot be used."""
    reader = adapter(source)
    if location is not None and not is_url(str(location)):
        return await asyncio.to_thread(_local, source, Path(location), last_good, max_bytes, report)
    own = session is None
    if session is None:
        session = aiohttp.ClientSession(headers={"User-Agent": USER_AGENT})
    url = str(location) if location is not None else _default_address(source, live)
    try:
        async with asyncio.timeout(timeout):
            target = await _resolve(source, None if location is None else str(location), session, live)
            url = target.url
            if last_good is not None and target.pinned and target.version and target.version == last_good.version:
                return NotModified(source, last_good, f"still {reader.label(target.version)}")
            answer = await _get(source, url, session, last_good, max_bytes)
    except TimeoutError:
        raise SourceRefused(source, f"no answer within {timeout:g} s from {url}") from None
    except aiohttp.ClientPayloadError as exc:
        raise SourceRefused(source, f"the answer from {url} was cut short ({_why(exc)})") from None
    except aiohttp.ClientError as exc:
        raise SourceRefused(source, f"cannot reach {url} ({_why(exc)})") from None
    finally:
        if own:
            await session.close()
    if answer is None:
        assert last_good is not None
        return NotModified(source, last_good, "HTTP 304 Not Modified")
    if last_good is not None and url == last_good.url and hashlib.sha256(answer.body).hexdigest() == last_good.sha256:
        return NotModified(source, last_good, "the same bytes as the last good snapshot")
    return await asyncio.to_thread(
        parse_payload,
        source,
        answer.body,
        url=url,
        version=target.version,
        fetched_at=dt.datetime.now(dt.timezone.utc),
        etag=answer.etag,
        last_modified=answer.last_modified,
        last_good=last_good,
        report=report,
    )


def _local(
    source: str, path: Path, last_good: SnapshotMeta | None, max_bytes: int, report: ImportReport | None
) -> Snapshot | NotModified:
    """A local file (or models.dev's tree), with the same checks as a fetched answer."""
    payload, written = load_path(source, path, max_bytes)
    sha = payload.sha256 if not isinstance(payload, bytes) else hashlib.sha256(payload).hexdigest()
    url = path_url(path)
    if last_good is not None and url == last_good.url and sha == last_good.sha256:
        return NotModified(source, last_good, "the same bytes as the last good snapshot")
    reader = adapter(source)
    return parse_payload(
        source, payload, url=url, version=reader.version_of(path.name) or reader.version_of(url),
        fetched_at=utc(written), last_good=last_good, report=report, where=str(path),
    )


def _why(exc: BaseException) -> str:
    text = one_line(str(exc), 160)
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__


def _default_address(source: str, live: LiveAddresses) -> str:
    return {
        "models-dev": live.models_dev,
        "openrouter": live.openrouter,
        "litellm": f"{live.github_api}/repos/BerriAI/litellm/releases/latest",
        "genai-prices": f"{live.github_api}/repos/pydantic/genai-prices/commits/main",
    }[source]


async def _resolve(source: str, location: str | None, session: aiohttp.ClientSession, live: LiveAddresses) -> Target:
    """The address to fetch and the release or commit it shows."""
    reader = adapter(source)
    if location is not None:
        return Target(location, reader.version_of(location), pinned=False)
    if source == "litellm":
        tag = await _lookup(source, session, f"{live.github_api}/repos/BerriAI/litellm/releases/latest", "tag_name")
        if tag is None:
            raise SourceRefused(source, "GitHub did not say which release of LiteLLM is the newest")
        url = f"{live.github_raw}/BerriAI/litellm/{tag}/model_prices_and_context_window.json"
        return Target(url, tag.removeprefix("v"), pinned=True)
    if source == "genai-prices":
        sha = await _lookup(source, session, f"{live.github_api}/repos/pydantic/genai-prices/commits/main", "sha")
        if sha is None:
            raise SourceRefused(source, "GitHub did not say which commit of genai-prices is the newest")
        return Target(f"{live.github_raw}/pydantic/genai-prices/{sha}/prices/data.json", sha, pinned=True)
    if source == "models-dev":
        # api.json is built from the repository's default branch: its files are cited at the newest commit
        # when GitHub says which; otherwise at api.json itself.
        try:
            sha = await _lookup(source, session, f"{live.github_api}/repos/anomalyco/models.dev/commits/dev", "sha")
        except (SourceRefused, aiohttp.ClientError):  # GitHub down or unreachable: models.dev may still answer
            sha = None
        return Target(live.models_dev, sha, pinned=False)
    return Target(live.openrouter, None, pinned=False)


async def _lookup(source: str, session: aiohttp.ClientSession, url: str, key: str) -> str | None:
    """One string field of a GitHub API answer (``tag_name``, ``sha``), or None."""
    answer = await _get(source, url, session, None, _LOOKUP_CAP)
    assert answer is not None
    try:
        value = json.loads(answer.body).get(key)
    except (ValueError, AttributeError):
        raise SourceRefused(source, f"{url} did not answer JSON") from None
    return value.strip() if isinstance(value, str) and value.strip() and "/" not in value else None


async def _get(
    source: str, url: str, session: aiohttp.ClientSession, last_good: SnapshotMeta | None, max_bytes: int
) -> Answer | None:
    """The body of a 2xx answer, read up to ``max_bytes``; None for a 304 to a conditional request."""
    headers = {"Accept": "application/json"}
    if last_good is not None and last_good.url == url:
        if last_good.etag:
            headers["If-None-Match"] = last_good.etag
        if last_good.last_modified:
            headers["If-Modified-Since"] = last_good.last_modified
    async with session.get(url, headers=headers, allow_redirects=True) as response:
        if response.status == 304 and len(headers) > 1:
            return None
        if not 200 <= response.status < 300:
            raise SourceRefused(source, f"HTTP {response.status} from {url}")
        kind = response.content_type or "unknown"
        if "html" in kind:
            raise SourceRefused(source, f"answered {kind}, not JSON ({url})")
        if response.content_length is not None and response.content_length > max_bytes:
            raise SourceRefused(
                source, f"the answer from {url} is {response.content_length:,} bytes, over the {max_bytes:,}-byte cap"
            )
        body = bytearray()
        async for chunk in response.content.iter_chunked(64 * 1024):
            body += chunk
            if len(body) > max_bytes:
                raise SourceRefused(source, f"the answer from {url} passed the {max_bytes:,}-byte cap; stopped reading")
        if bytes(body[:64]).lstrip()[:1] == b"<":
            raise SourceRefused(source, f"answered HTML ({kind}), not JSON ({url})")
        return Answer(bytes(body), response.headers.get("ETag"), response.headers.get("Last-Modified"))
