"""Provider names: each source's provider id -> the display name Versus uses for the route.

One provider has one name everywhere in the catalog, whichever source a route came from.
Azure is the one split: OpenAI's models are sold as "Azure OpenAI", everyone else's through
"Azure AI Foundry".
"""

from __future__ import annotations

# models.dev provider folders and LiteLLM ``litellm_provider`` values -> display names.
DISPLAY_NAMES: dict[str, str] = {
    "openai": "OpenAI API",
    "anthropic": "Anthropic API",
    "google": "Google AI Studio",
    "gemini": "Google AI Studio",
    "google-vertex": "Google Vertex AI",
    "google-vertex-anthropic": "Google Vertex AI",
    "vertex_ai": "Google Vertex AI",
    "xai": "xAI Console",
    "openrouter": "OpenRouter",
    "amazon-bedrock": "Amazon Bedrock",
    "bedrock": "Amazon Bedrock",
    "bedrock_converse": "Amazon Bedrock",
    "bedrock_mantle": "Amazon Bedrock",
    "azure": "Azure",
    "azure_ai": "Azure",
    "togetherai": "Together AI",
    "together_ai": "Together AI",
    "groq": "Groq",
    "fireworks-ai": "Fireworks AI",
    "fireworks_ai": "Fireworks AI",
    "deepinfra": "DeepInfra",
    "mistral": "Mistral API",
    "deepseek": "DeepSeek API",
    "cohere": "Cohere API",
    "cohere_chat": "Cohere API",
    "replicate": "Replicate API",
    "alibaba": "Alibaba Cloud Model Studio",
    "dashscope": "Alibaba Cloud Model Studio",
    "zai": "Z.ai API",
    "moonshotai": "Moonshot AI API",
    "moonshot": "Moonshot AI API",
    "minimax": "MiniMax API",
    "nvidia": "NVIDIA NIM",
    "nvidia_nim": "NVIDIA NIM",
    "cerebras": "Cerebras",
    "perplexity": "Perplexity API",
    "llama": "Meta Llama API",
    "meta_llama": "Meta Llama API",
    "xiaomi": "Xiaomi MiMo API",
}

# genai-prices provider ids -> the DISPLAY_NAMES key of the same provider. Left out, as Versus does not
# list them: avian, doubleword, huggingface_*, novita, ovhcloud, voyageai, and zhipuai (open.bigmodel.cn,
# Zhipu's mainland platform with its own prices; Versus lists the international Z.ai API).
GENAI_PRICES: dict[str, str] = {
    "anthropic": "anthropic",
    "aws": "bedrock",
    "azure": "azure",
    "cerebras": "cerebras",
    "cohere": "cohere",
    "deepseek": "deepseek",
    "fireworks": "fireworks_ai",
    "google": "google",
    "groq": "groq",
    "minimax": "minimax",
    "mistral": "mistral",
    "moonshotai": "moonshotai",
    "openai": "openai",
    "openrouter": "openrouter",
    "perplexity": "perplexity",
    "together": "together_ai",
    "x-ai": "xai",
}

# The provider that is the model's own maker, for telling a creator from a route's provider.
FIRST_PARTY_CREATOR: dict[str, str] = {
    "openai": "openai",
    "anthropic": "anthropic",
    "google": "google",
    "gemini": "google",
    "xai": "xai",
    "mistral": "mistral",
    "deepseek": "deepseek",
    "cohere": "cohere",
    "cohere_chat": "cohere",
    "alibaba": "qwen",
    "dashscope": "qwen",
    "zai": "zai",
    "moonshotai": "moonshotai",
    "moonshot": "moonshotai",
    "minimax": "minimax",
    "perplexity": "perplexity",
    "llama": "meta",
    "meta_llama": "meta",
    "xiaomi": "xiaomi",
}


def _key(provider: str) -> str:
    key = provider.strip().lower()
    if key.startswith("vertex_ai"):
        return "vertex_ai"
    return key


def display_name(provider: str, creator: str | None = None, fallback: str | None = None) -> str | None:
    """The display name for a source's provider id, or ``fallback`` when Versus has none."""
    name = DISPLAY_NAMES.get(_key(provider))
    if name == "Azure":
        return "Azure OpenAI" if creator == "openai" else "Azure AI Foundry"
    return name or fallback


def first_party_creator(provider: str) -> str | None:
    return FIRST_PARTY_CREATOR.get(_key(provider))


def first_party_names(creator: str) -> set[str]:
    """Display names of the creator's own APIs (listed first among a model's routes)."""
    return {name for p, c in FIRST_PARTY_CREATOR.items() if c == creator and (name := display_name(p, c))}
