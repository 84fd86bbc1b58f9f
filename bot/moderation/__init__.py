"""Moderator note management: validate an uploaded note, write it atomically, ingest it, audit it."""
