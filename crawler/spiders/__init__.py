"""Spiders: one generic, profile-driven spider (``xxgk``)."""
