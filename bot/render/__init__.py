"""Embeds from the engine's typed results. Renderers lay facts out; they never compute one."""
