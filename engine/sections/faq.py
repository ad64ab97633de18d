"""FAQ: the questions people ask about these models, answered from data (``engine.answers``)."""

from __future__ import annotations

from catalog.schema import Capability
from engine import answers
from engine.cost import Estimated
from engine.results import Section
from engine.sections._context import Context, SectionSpec


def build(ctx: Context) -> Section:
    models = ctx.models
    asked = (
        answers.answer_context(models, sentence=ctx.context_sentence),
        answers.answer_cheaper(
            models,
            traffic=ctx.cost.traffic,
            estimated=Estimated(ctx.cost, ctx.known, ctx.gap),
            price_sentences=(ctx.input_sentence, ctx.output_sentence),
        ),
        answers.answer_open_source(models),
        answers.answer_capability(models, Capability.VISION),
        answers.answer_multimodal(models),
        answers.answer_where(models),
    )
    return Section(key=SECTION.key, title=SECTION.title, faq=asked)


SECTION = SectionSpec(key="faq", title="FAQ", group="faq", page_order=110, group_order=1, build=build)
