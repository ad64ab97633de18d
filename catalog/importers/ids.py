"""Canonical ids: turning each source's model id into Versus's ``creator/model``.

Sources spell one model many ways: ``x-ai/grok-4.20``, ``xai.grok-4.3``,
``grok-4.20-0309-reasoning``, ``us.anthropic.claude-sonnet-4-5-20250929-v1:0``,
``accounts/fireworks/models/kimi-k2p6``, ``claude-sonnet-4-5@20250929``. Two functions do the work:

* ``natural_id(raw, creator_hint)`` turns one source id into a canonical-looking id
  (lower case, no ':', no provider prefixes, no dated snapshot suffix);
* ``match_key(raw)`` is a looser key under which spellings of the same model coincide, used by
  the merge to put routes from several providers under one id.
"""

from __future__ import annotations

import re

# Organisation names used by sources -> the creator part of our ids.
CREATOR_ALIASES: dict[str, str] = {
    "x-ai": "xai",
    "xai": "xai",
    "grok": "xai",
    "meta-llama": "meta",
    "meta": "meta",
    "llama": "meta",
    "facebook": "meta",
    "mistralai": "mistral",
    "mistral": "mistral",
    "qwen": "qwen",
    "alibaba": "qwen",
    "alibaba-cn": "qwen",
    "dashscope": "qwen",
    "z-ai": "zai",
    "zai": "zai",
    "zai-org": "zai",
    "zhipuai": "zai",
    "thudm": "zai",
    "moonshot": "moonshotai",
    "moonshotai": "moonshotai",
    "deepseek": "deepseek",
    "deepseek-ai": "deepseek",
    "minimax": "minimax",
    "minimaxai": "minimax",
    "cohere": "cohere",
    "cohereforai": "cohere",
    "coherelabs": "cohere",
    "amazon": "amazon",
    "microsoft": "microsoft",
    "nvidia": "nvidia",
    "google": "google",
    "gemini": "google",
    "anthropic": "anthropic",
    "openai": "openai",
    "perplexity": "perplexity",
    "xiaomi": "xiaomi",
    "xiaomimimo": "xiaomi",
    "stepfun": "stepfun",
    "stepfun-ai": "stepfun",
    "ai21": "ai21",
    "ibm-granite": "ibm",
    "ibm": "ibm",
}

# Display names of creators, for the ``vendor`` field.
VENDOR_NAMES: dict[str, str] = {
    "openai": "OpenAI",
    "anthropic": "Anthropic",
    "google": "Google",
    "xai": "xAI",
    "meta": "Meta",
    "mistral": "Mistral AI",
    "deepseek": "DeepSeek",
    "qwen": "Alibaba (Qwen)",
    "cohere": "Cohere",
    "amazon": "Amazon",
    "microsoft": "Microsoft",
    "moonshotai": "Moonshot AI",
    "zai": "Z.ai (Zhipu)",
    "minimax": "MiniMax",
    "nvidia": "NVIDIA",
    "perplexity": "Perplexity",
    "xiaomi": "Xiaomi",
    "stepfun": "StepFun",
    "ai21": "AI21 Labs",
    "ibm": "IBM",
}

# Who made a model, from the start of its name, for sources whose ids carry no creator.
_NAME_PREFIXES: tuple[tuple[str, str], ...] = (
    (r"gpt-|o\d(-|$)|chatgpt|codex", "openai"),
    (r"claude", "anthropic"),
    (r"gemini|gemma", "google"),
    (r"grok", "xai"),
    (r".*nemotron", "nvidia"),
    (r"llama|meta-llama", "meta"),
    (r"(open-)?(mistral|mixtral|codestral|devstral|magistral|ministral|pixtral|voxtral)", "mistral"),
    (r"deepseek", "deepseek"),
    (r"qwen|qwq|qvq", "qwen"),
    (r"command|c4ai|aya", "cohere"),
    (r"nova|titan", "amazon"),
    (r"phi-", "microsoft"),
    (r"kimi", "moonshotai"),
    (r"glm|zai-glm", "zai"),
    (r"minimax", "minimax"),
    (r"sonar", "perplexity"),
    (r"mimo", "xiaomi"),
    (r"jamba", "ai21"),
)

_REGION = r"(?:us|eu|apac|global|jp|au|ap|ca|us-gov)"
_BEDROCK_VENDOR = (
    r"(?:anthropic|meta|amazon|mistral|cohere|ai21|deepseek|openai|qwen|xai|moonshot|moonshotai|"
    r"minimax|zai|google|nvidia|writer|twelvelabs|stability)"
)
_BEDROCK_PREFIX = re.compile(rf"^(?:{_REGION}\.)?({_BEDROCK_VENDOR})\.")
_VERSION_SUFFIX = re.compile(r"(?:-v\d+:\d+|-v1|-\d+:\d+|:\d+)$")  # Bedrock: -v1:0, -v1, -1:0
_DATE_SUFFIX = re.compile(r"(?:-20\d{6}|-20\d\d-\d\d-\d\d)$")
_FIREWORKS_POINT = re.compile(r"(?<=\d)p(?=\d)")


def creator_of(organisation: str) -> str | None:
    """Our creator id for an organisation name a source uses (``x-ai`` -> ``xai``), if known."""
    return CREATOR_ALIASES.get(organisation.strip().lower())


def guess_creator(slug: str) -> str | None:
    """The creator a model name implies (``claude-...`` -> ``anthropic``), if any."""
    text = slug.strip().lower()
    for pattern, creator in _NAME_PREFIXES:
        if re.match(pattern, text):
            return creator
    return None


def vendor_name(creator: str) -> str:
    return VENDOR_NAMES.get(creator, creator)


def _split(raw: str) -> tuple[str | None, str]:
    """(organisation or None, bare model name) of a source id, provider decorations removed."""
    text = raw.strip().lower()
    text = re.sub(r"@.*$", "", text)  # Vertex: claude-sonnet-4-5@20250929
    text = re.sub(r":(free|beta|extended|thinking|nitro|floor|online|exacto)$", "", text)
    organisation: str | None = None
    if "/" in text:
        parts = [p for p in text.split("/") if p]
        if len(parts) >= 2 and parts[-2] not in ("models", "routers"):
            organisation = parts[-2]
        text = parts[-1] if parts else text
    bedrock = _BEDROCK_PREFIX.match(text)
    if bedrock:
        organisation = organisation or bedrock.group(1)
        text = text[bedrock.end():]
    text = _VERSION_SUFFIX.sub("", text)
    text = re.sub(r"-maas$", "", text)
    return organisation, text


def natural_id(raw: str, creator_hint: str | None = None) -> str | None:
    """A canonical-looking id for a source id, or None when no creator can be told.

    The creator comes from the id's organisation part, else the model's name (``claude-...``),
    else ``creator_hint`` (the provider, when it is the model's maker).
    """
    organisation, name = _split(raw)
    name = _DATE_SUFFIX.sub("", name)
    name = re.sub(r"[^a-z0-9._\-]+", "-", name).strip("-._")
    if not name:
        return None
    creator = (creator_of(organisation) if organisation else None) or guess_creator(name) or creator_hint
    if creator is None and organisation:
        creator = re.sub(r"[^a-z0-9.\-]+", "-", organisation).strip("-.")
    if not creator:
        return None
    return f"{creator}/{name}"


def match_key(raw: str) -> str:
    """A loose key: spellings of one model from different providers share it.

    ``anthropic/claude-sonnet-4.5``, ``us.anthropic.claude-sonnet-4-5-20250929-v1:0`` and
    ``claude-sonnet-4-5@20250929`` all give ``claude-sonnet-4-5``.
    """
    _, name = _split(raw)
    name = _FIREWORKS_POINT.sub(".", name)
    name = _DATE_SUFFIX.sub("", name)
    name = re.sub(r"^meta-llama-", "llama-", name)
    name = re.sub(r"^llama-?v?(?=\d)", "llama-", name)  # llama3-1, llama-v3p1 (Fireworks)
    name = re.sub(r"[._\s]+", "-", name)
    name = re.sub(r"-(instruct-turbo|fp8|fp4|bf16|tput|instruct|it)(?=-|$)", "", name)
    return name.strip("-")


# Spellings the loose key cannot join, mapped to the canonical id (both directions of a rename,
# a provider's nickname for a model, a reasoning/non-reasoning pair sold as one model).
KNOWN_SPELLINGS: dict[str, str] = {
    "grok-4.20-0309-reasoning": "xai/grok-4.20",
    "grok-4.20-reasoning": "xai/grok-4.20",
    "grok-4-20-reasoning": "xai/grok-4.20",
    "grok-4.20": "xai/grok-4.20",
    "grok-4.20-0309-non-reasoning": "xai/grok-4.20-non-reasoning",
    "grok-4.20-non-reasoning": "xai/grok-4.20-non-reasoning",
    "grok-4.3": "xai/grok-4.3",
    "grok-4.3-latest": "xai/grok-4.3",
    "llama-3.3-70b-versatile": "meta/llama-3.3-70b-instruct",
    "llama-3.1-8b-instant": "meta/llama-3.1-8b-instruct",
}
