"""Command specs, dispatch and the handlers behind every command."""
