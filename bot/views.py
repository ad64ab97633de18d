"""Controls on a reply: a select menu between chapters and buttons between pages.

Only the person who asked may use them (others get an ephemeral refusal); after
``TIMEOUT_SECONDS`` without use the controls are disabled by editing the message.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import discord

from bot import limits
from bot.errors import report_error
from bot.limits import clip
from bot.render.book import Book, Chapter
from bot.safety import NO_MENTIONS, plain

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 180.0
NOT_YOURS = "Only the person who asked can use these controls. Run the command yourself to get your own copy."


class OwnedView(discord.ui.View):
    """A view only its owner can use, disabled cleanly when it times out."""

    def __init__(self, owner_id: int, *, timeout: float | None = TIMEOUT_SECONDS):
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.followup: discord.Webhook | None = None
        """The follow-up webhook of the interaction whose response carries this view, and"""
        self.message_id: int | None = None
        """that response's message id: what the timeout edit needs (see ``sent_with``)."""
        self.interaction: discord.Interaction | None = None
        """The interaction itself, only when its response gave no message id."""
        self.message: discord.Message | None = None
        """Or the message carrying it, for replies sent outside an interaction."""

    def sent_with(self, interaction: discord.Interaction, response: object) -> None:
        """Remember how to disable the controls of ``interaction``'s response (``response`` is what
        ``send_message`` returned). Not the Interaction: with its member, channel and payload it is a few
        KB, held for the whole timeout by every live reply; the follow-up webhook (token and application
        id) and the message id are all the edit needs."""
        message_id = getattr(response, "message_id", None)
        if isinstance(message_id, int):
            self.followup = interaction.followup
            self.message_id = message_id
        else:
            self.interaction = interaction

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(NOT_YOURS, ephemeral=True, allowed_mentions=NO_MENTIONS)
        return False

    def disable_all(self) -> None:
        for item in self.children:
            if hasattr(item, "disabled"):
                item.disabled = True

    async def on_timeout(self) -> None:
        self.disable_all()
        try:
            if self.message is not None:
                await self.message.edit(view=self)
            elif self.followup is not None and self.message_id is not None:
                await self.followup.edit_message(self.message_id, view=self)
            elif self.interaction is not None:
                await self.interaction.edit_original_response(view=self)
        except discord.HTTPException as exc:  # the message was deleted, or the token expired
            log.info("could not disable the controls of a timed-out view: %s", exc)

    async def on_error(self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item) -> None:
        await report_error(interaction, error)


@lru_cache(maxsize=256)
def _option(key: str, label: str, description: str | None, default: bool) -> discord.SelectOption:
    """One menu entry, shared by every live menu that shows it (never changed once made): every
    /compare reply's menu lists the same sections, so thousands of live menus need only a few entries."""
    return discord.SelectOption(
        label=clip(plain(label), limits.SELECT_OPTION_LABEL),
        value=key,
        description=clip(plain(description), limits.SELECT_OPTION_DESCRIPTION) if description else None,
        default=default,
    )


class ChapterSelect(discord.ui.Select["BookView"]):
    def __init__(self, book: Book, current: str):
        options = [
            _option(chapter.key, chapter.label, chapter.description, chapter.key == current)
            for chapter in book.chapters[: limits.SELECT_OPTIONS]
        ]
        super().__init__(placeholder="Choose a section", options=options, min_values=1, max_values=1, row=0)

    async def callback(self, interaction: discord.Interaction) -> None:
        assert self.view is not None
        # One value is what Discord sends; a forged click may send none or one that is no chapter
        # (``Book.chapter`` then shows the first).
        chosen = self.values[0] if self.values else self.view.current
        await self.view.show(interaction, chosen, 0)


class PageButton(discord.ui.Button["BookView"]):
    def __init__(self, label: str, step: int):
        super().__init__(label=label, style=discord.ButtonStyle.secondary, row=1)
        self.step = step

    async def callback(self, interaction: discord.Interaction) -> None:
        assert self.view is not None
        view = self.view
        await view.show(interaction, view.current, view.page + self.step)


class BookView(OwnedView):
    """Shows one page of a book; the select switches chapter, the buttons turn pages."""

    def __init__(self, book: Book, owner_id: int, *, timeout: float | None = TIMEOUT_SECONDS):
        super().__init__(owner_id, timeout=timeout)
        self.book = book
        self.current = book.chapter(book.start).key
        self.page = 0
        self._arrange()

    @property
    def chapter(self) -> Chapter:
        return self.book.chapter(self.current)

    @property
    def embed(self) -> discord.Embed:
        return self.chapter.pages[self.page]

    def _arrange(self) -> None:
        self.clear_items()
        if len(self.book.chapters) > 1:
            self.add_item(ChapterSelect(self.book, self.current))
        count = len(self.chapter.pages)
        if count > 1:
            previous = PageButton("Previous", -1)
            previous.disabled = self.page == 0
            following = PageButton("Next", 1)
            following.disabled = self.page >= count - 1
            self.add_item(previous)
            self.add_item(following)

    def turn(self, chapter: str, page: int) -> None:
        self.current = self.book.chapter(chapter).key
        self.page = max(0, min(page, len(self.chapter.pages) - 1))
        self._arrange()

    async def show(self, interaction: discord.Interaction, chapter: str, page: int) -> None:
        self.turn(chapter, page)
        await interaction.response.edit_message(embed=self.embed, view=self, allowed_mentions=NO_MENTIONS)
        self.book.forget()


def dispatched_to_a_view(interaction: discord.Interaction) -> bool:
    """Whether discord.py handed this component click to a live view: the look-up of
    ``discord.ui.view.ViewStore.dispatch_view`` (the message's views, then those stored without a message),
    done again on the same store. A view that timed out or was stopped is no longer in it.
    ``tests/bot/test_hostile.py`` checks this agrees with discord.py."""
    data = interaction.data or {}
    key = (data.get("component_type"), data.get("custom_id"))
    views = interaction.client._connection._view_store._views  # discord.py's own store (no public look-up)
    message_id = interaction.message.id if interaction.message is not None else None
    return (message_id is not None and key in views.get(message_id, {})) or key in views.get(None, {})


def book_view(book: Book, owner_id: int) -> BookView | None:
    """The controls a book needs, or None when it is one page."""
    return BookView(book, owner_id) if book.interactive else None
