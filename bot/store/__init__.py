"""The SQLite knowledge store (aiosqlite, WAL, FTS5) and incremental ingest."""
