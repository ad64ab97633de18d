"""catalog.query: one meaning of "a vendor" and "has a capability" for every surface."""

from __future__ import annotations

from catalog.query import having, vendor_named
from catalog.schema import Capability, Tri


def test_vendor_by_name_or_id_prefix_in_any_case(bundled):
    models, vendors = bundled.models, bundled.vendors
    assert vendor_named(models, vendors, "OpenAI") == "OpenAI"
    assert vendor_named(models, vendors, " openai ") == "OpenAI"
    assert vendor_named(models, vendors, "xai") == "xAI"
    assert vendor_named(models, vendors, "nobody") is None


def test_having_keeps_yes_only(bundled):
    xai = having(bundled, "xAI")
    assert xai and all(m.vendor == "xAI" for m in xai)
    reasoning = having(bundled, capability=Capability.REASONING)
    ids = {m.id for m in reasoning}
    assert "xai/grok-4.3" in ids and "openai/gpt-4.1-mini" not in ids
    assert all(m.capability(Capability.REASONING) is Tri.YES for m in reasoning)
    unknown = [m for m in bundled if m.capability(Capability.CODE_EXECUTION) is Tri.UNKNOWN]
    kept = {m.id for m in having(bundled, capability=Capability.CODE_EXECUTION)}
    assert not any(m.id in kept for m in unknown)
