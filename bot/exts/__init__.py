"""One extension per feature, loaded by ``bot.app.EXTENSIONS``."""
