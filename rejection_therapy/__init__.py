"""rejection-therapy: a terminal tracker for people who hear "no" for a living."""

__version__ = "0.1.0"
APP_NAME = "rejection-therapy"
