"""One extension per feature: every module here is loaded (``bot.app.extensions`` walks this package).

A new slash command is one new module with a cog and ``async def setup(bot)``; see CONTRIBUTING.md."""
