"""Small layout pieces: the site names a footer shows."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from bot.render.common import domain


def _by_urlparse(text: str) -> str:
    host = urlparse(text).hostname
    return host.removeprefix("www.") if host else text


@pytest.mark.parametrize(
    "url",
    [
        "https://www.OpenAI.com/api/pricing",
        "http://x.ai",
        "https://a.b.c/d?e#f",
        "https://openrouter.ai?x=1",
        "https://www.example.com#frag",
        "https://host:8080/x",
        "https://user@host.com/",
        "https://[::1]/x",
        "HTTPS://A.com/x",
        "https://",
        "ftp://h/x",
        "catalog/CURATION.md",
    ],
)
def test_domain_is_the_host_without_www(url):
    assert domain(url) == _by_urlparse(url)


def test_domain_of_every_bundled_source(bundled):
    urls = [str(item.url) for m in bundled for item in m.sources]
    urls += [str(item.source) for m in bundled for item in (*m.routes, *m.benchmarks)]
    assert urls
    assert [domain(u) for u in urls] == [_by_urlparse(u) for u in urls]
