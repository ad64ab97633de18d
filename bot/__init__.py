"""Versus on Discord: slash commands and FAQ-in-chat over the engine's results.

Run it with ``versus bot`` or ``python -m bot``; the token comes from ``DISCORD_TOKEN`` in the
environment or a ``.env`` file in the working folder. Commands sync instantly to the guild in
``VERSUS_DEV_GUILD`` when it is set; ``versus bot sync`` (or ``--sync-global``) syncs them globally.
A large deployment runs several processes, each with ``--shard-ids 0,1 --shard-count 4`` (or
``VERSUS_SHARD_IDS`` / ``VERSUS_SHARD_COUNT``).

Layout: ``app`` builds the bot; ``exts/`` holds one extension per feature; ``render/`` turns
engine results into embeds within ``limits``; ``views`` holds the author-only controls;
``errors`` the one error handler; ``preview`` the JSON bodies for ``--discord``.
"""
