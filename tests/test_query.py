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


def test_one_vocabulary_of_capabilities_serves_the_option_and_the_question():
    """What ``--capability`` takes is what a question is read for: the same word, the same capability."""
    from catalog.query import capability_named
    from engine.discovery import capabilities_in

    said = {
        "tools": Capability.TOOL_USE,
        "tool use": Capability.TOOL_USE,
        "functions": Capability.FUNCTION_CALLING,
        "function calls": Capability.FUNCTION_CALLING,
        "json": Capability.STRUCTURED_OUTPUTS,
        "json schema": Capability.STRUCTURED_OUTPUTS,
        "structured outputs": Capability.STRUCTURED_OUTPUTS,
        "images": Capability.VISION,
        "pictures": Capability.VISION,
        "thinking": Capability.REASONING,
        "code interpreter": Capability.CODE_EXECUTION,
    }
    for words, capability in said.items():
        assert capability_named(words) is capability, words
        assert capability_named(words.upper().replace(" ", "-")) is capability, words
        assert capabilities_in(f"which models have {words}?") == (capability,), words
    for capability in Capability:
        assert capability_named(capability.value) is capability and capability_named(capability.label) is capability
    for nothing in ("telepathy", "jsonx", "tool", ""):
        assert capability_named(nothing) is None, nothing
