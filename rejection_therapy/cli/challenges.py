"""Subcommands (filled in by the feature that owns them)."""

from __future__ import annotations


def register(sub, common) -> None:
    """Add this feature's subcommands."""
