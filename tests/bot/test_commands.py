"""Each slash command through SimCord: the reply, its embeds, its controls."""

from __future__ import annotations

from tests.bot.conftest import acknowledge_errors


def titles(result) -> list[str]:
    return [e.title for e in result.response.embeds]


async def test_model_card(world):
    result = await world.alice.slash(world.channel, "model", name="openai/gpt-4.1-mini")
    assert not result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "GPT-4.1 Mini"
    assert "Data as of" in embed.footer.text and "Sources:" in embed.footer.text
    prices = next(f for f in embed.fields if f.name.startswith("Prices"))
    assert "$0.40/1M" in prices.value and "★" in prices.value


async def test_model_by_free_text(world):
    result = await world.alice.slash(world.channel, "model", name="gpt 4.1 mini")
    assert result.response.embeds[0].title == "GPT-4.1 Mini"


async def test_compare_overview_first(world):
    result = await world.alice.slash(world.channel, "compare", model_a="openai/gpt-4.1-mini", model_b="xai/grok-4.3")
    assert not result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title.startswith("GPT-4.1 Mini vs Grok 4.3: Overview")
    select = result.response.components[0]["components"][0]
    assert [o["value"] for o in select["options"]] == ["overview", "pricing", "specs", "benchmarks", "faq"]


async def test_compare_opens_on_section(world):
    result = await world.alice.slash(
        world.channel, "compare", model_a="openai/gpt-4.1-mini", model_b="xai/grok-4.3", section="pricing"
    )
    embed = result.response.embeds[0]
    assert "Pricing and monthly cost" in embed.title
    assert "$720/month" in embed.description and "$1,625/month" in embed.description


async def test_compare_four_models(world):
    result = await world.alice.slash(
        world.channel, "compare",
        model_a="openai/gpt-4.1-mini", model_b="xai/grok-4.3", model_c="openai/gpt-4.1", model_d="openai/gpt-4.1-nano",
    )
    assert "GPT-4.1 Nano" in result.response.embeds[0].title


async def test_cost_marks_cheapest(world):
    result = await world.alice.slash(world.channel, "cost", model="openai/gpt-4.1-mini", model_2="xai/grok-4.3")
    embed = result.response.embeds[0]
    assert embed.title == "Cost estimate"
    names = [f.name for f in embed.fields]
    assert "GPT-4.1 Mini" in names and "Grok 4.3" in names
    mini = next(f for f in embed.fields if f.name == "GPT-4.1 Mini")
    assert "★ cheapest" in mini.value and "$720/month" in mini.value


async def test_cost_traffic_options(world):
    result = await world.alice.slash(
        world.channel, "cost", model="openai/gpt-4.1-mini",
        input_tokens=2000, output_tokens=500, requests=1000, period="day", cached_share=0.5, batch_share=0.25,
    )
    embed = result.response.embeds[0]
    assert "1,000 requests a day" in embed.description
    assert "50% of input from cache" in embed.description


async def test_cost_lists_a_route_too_small_for_the_request_and_one_with_no_price_that_large(world):
    result = await world.alice.slash(world.channel, "cost", model="xai/grok-4.20", input_tokens=1_500_000)
    field = next(f for f in result.response.embeds[0].fields if f.name == "Grok 4.20")
    lines = field.value.splitlines()
    assert any(line.startswith("**xAI Console**: does not fit (1M context window)") for line in lines)
    # A route that takes 1.5M but publishes no tier for what xAI bills higher above 200K: a range, not cheapest;
    # the cheapest are those that price the request at their tier (Google Vertex AI's 2M window first).
    assert any("price above 200K unknown (" in line and "★" not in line for line in lines)
    cheapest = [line for line in lines if "★" in line]
    assert cheapest and cheapest[0].startswith("**Google Vertex AI**")


async def test_faq(world):
    result = await world.alice.slash(world.channel, "faq", question="is grok 4.3 cheaper than gpt-4.1 mini?")
    embed = result.response.embeds[0]
    assert "GPT-4.1 Mini is cheaper on input" in embed.description
    assert embed.footer.text.startswith("Data as of")


async def test_models_filtered_and_sorted(world):
    result = await world.alice.slash(world.channel, "models", capability="vision", sort="price")
    embed = result.response.embeds[0]
    assert "with vision" in embed.title and "cheapest first" in embed.title
    assert embed.description.startswith("1. ")


async def test_models_by_vendor(world):
    result = await world.alice.slash(world.channel, "models", vendor="xai")
    lines = result.response.embeds[0].description.splitlines()
    assert lines and all("xAI" in line for line in lines)


async def test_help_lists_every_command_with_an_example(world):
    from bot.exts.help import EXAMPLES

    result = await world.alice.slash(world.channel, "help")
    assert result.ephemeral
    fields = {f.name: f.value for f in result.response.embeds[0].fields}
    commands = {c.name for c in world.env.bot.tree.get_commands()}
    assert set(EXAMPLES) == commands
    for name in commands:
        assert EXAMPLES[name] in fields[f"/{name}"]
