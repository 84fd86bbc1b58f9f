"""Schema as ordered migrations; `PRAGMA user_version` records how many have run.

Append new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: knowledge store
    """
    CREATE TABLE sources (            -- every ingested file: an episode note or a channel index page
        id INTEGER PRIMARY KEY,
        root TEXT NOT NULL,           -- the notes folder it was ingested from (absolute)
        path TEXT NOT NULL,           -- relative to root, '/'-separated
        kind TEXT NOT NULL CHECK (kind IN ('note', 'index')),
        content_hash TEXT NOT NULL,
        size INTEGER NOT NULL,
        ingested_at TEXT NOT NULL,    -- ISO 8601 UTC, first time this path was ingested
        updated_at TEXT NOT NULL,     -- ISO 8601 UTC, last time its content changed
        added_by TEXT,                -- moderator who added it with /notes add, else NULL
        UNIQUE (root, path)
    );
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        video_id TEXT NOT NULL,
        channel TEXT,
        slug TEXT NOT NULL,           -- file name without .md
        claim_count INTEGER NOT NULL,
        timestamp_count INTEGER NOT NULL,
        warnings TEXT NOT NULL DEFAULT '[]'   -- JSON list
    );
    CREATE INDEX notes_video ON notes(video_id);
    CREATE INDEX notes_channel ON notes(channel);
    CREATE TABLE episodes (           -- titles from channel index pages
        video_id TEXT NOT NULL,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        channel TEXT NOT NULL,
        note_slugs TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (video_id, source_id)
    );
    CREATE TABLE sections (
        id INTEGER PRIMARY KEY,
        note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        heading TEXT NOT NULL          -- heading path joined with ' › '
    );
    CREATE INDEX sections_note ON sections(note_id);
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
        section_id INTEGER REFERENCES sections(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        text TEXT NOT NULL,
        seconds INTEGER,
        timestamps TEXT NOT NULL DEFAULT '[]',  -- JSON list of every parsed second
        lead TEXT,                              -- the bullet's bold lead
        subject_type TEXT,
        subject_id TEXT
    );
    CREATE INDEX claims_note ON claims(note_id);
    CREATE VIRTUAL TABLE claims_fts USING fts5(
        text, content='claims', content_rowid='id', tokenize='porter unicode61'
    );
    -- Ingest fills claims_fts in bulk per batch (a per-row insert trigger costs 5x); deletes use this.
    CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TABLE labs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]',
        homepage TEXT
    );
    CREATE TABLE models (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        lab_id TEXT NOT NULL REFERENCES labs(id),
        aliases TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE mentions (
        claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        entity_type TEXT NOT NULL CHECK (entity_type IN ('lab', 'model')),
        entity_id TEXT NOT NULL,
        is_subject INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (entity_type, entity_id, claim_id)
    ) WITHOUT ROWID;
    CREATE INDEX mentions_claim ON mentions(claim_id);
    CREATE TABLE signals (
        claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        entity_type TEXT NOT NULL CHECK (entity_type IN ('lab', 'model')),
        entity_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('open', 'closed', 'partial', 'planned')),
        cue TEXT NOT NULL,
        PRIMARY KEY (entity_type, entity_id, claim_id, kind)
    ) WITHOUT ROWID;
    CREATE INDEX signals_claim ON signals(claim_id);
    -- Aggregates recomputed after every ingest batch so commands read one row, not a scan.
    CREATE TABLE entity_stats (
        entity_type TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        claims INTEGER NOT NULL,
        notes INTEGER NOT NULL,
        episodes INTEGER NOT NULL,
        channels INTEGER NOT NULL,
        open INTEGER NOT NULL,
        closed INTEGER NOT NULL,
        partial INTEGER NOT NULL,
        planned INTEGER NOT NULL,
        score REAL NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (entity_type, entity_id)
    ) WITHOUT ROWID;
    -- The claims /lab, /model and /openness cite, chosen at ingest (bot.store.aggregates): role 'open' /
    -- 'closed' = strongest evidence on each side, 'claim' = most informative claims; rank from 1.
    CREATE TABLE entity_picks (
        entity_type TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('open', 'closed', 'partial', 'claim')),
        rank INTEGER NOT NULL,
        claim_id INTEGER NOT NULL,
        PRIMARY KEY (entity_type, entity_id, role, rank)
    ) WITHOUT ROWID;
    CREATE TABLE co_mentions (        -- per lab, the labs most often discussed in the same notes
        lab_id TEXT NOT NULL,
        rank INTEGER NOT NULL,
        other_id TEXT NOT NULL,
        notes INTEGER NOT NULL,
        PRIMARY KEY (lab_id, rank)
    ) WITHOUT ROWID;
    CREATE TABLE ingest_failures (
        root TEXT NOT NULL,
        path TEXT NOT NULL,
        content_hash TEXT,            -- so an unchanged bad file is not re-read every run
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (root, path)
    );
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: daily digest and moderator notes
    """
    CREATE TABLE digest_subscriptions (   -- one per chat channel
        -- AUTOINCREMENT: ids are never reused, so an old subscription's idempotency keys can't match
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        workspace_id TEXT,
        local_time TEXT NOT NULL,         -- HH:MM in the subscription's time zone
        timezone TEXT NOT NULL,           -- IANA name
        created_at TEXT NOT NULL,         -- ISO 8601 UTC; notes ingested before it are not news
        created_by TEXT,
        labels TEXT NOT NULL DEFAULT '{}',  -- JSON lab id -> openness label when subscribed
        -- max(sources.id) when subscribed: what was already stored in that same second is not news
        source_watermark INTEGER NOT NULL DEFAULT 0,
        UNIQUE (platform, channel_id)
    );
    CREATE TABLE digest_deliveries (      -- one row per (subscription, period): the exactly-once claim
        subscription_id INTEGER NOT NULL REFERENCES digest_subscriptions(id) ON DELETE CASCADE,
        period_end TEXT NOT NULL,         -- ISO 8601 UTC due instant; covers notes ingested in [start, end)
        period_start TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'skipped', 'failed')),
        claimed_at TEXT NOT NULL,         -- a 'sending' row older than the lease may be taken over
        claimed_by TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 1,
        message_id TEXT,
        sent_at TEXT,
        note_count INTEGER NOT NULL DEFAULT 0,
        labels TEXT NOT NULL DEFAULT '{}',  -- JSON lab id -> openness label this digest reported
        error TEXT,
        PRIMARY KEY (subscription_id, period_end)
    );
    CREATE TABLE audit_log (              -- every change a moderator makes
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        platform TEXT NOT NULL,
        user_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        action TEXT NOT NULL,
        path TEXT,
        detail TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX audit_log_at ON audit_log(at);
    -- File moves decided by a committed transaction but maybe not yet done (a crash in between);
    -- finished on the next /notes command, so a note is either fully added/removed or not at all.
    CREATE TABLE note_file_ops (
        id INTEGER PRIMARY KEY,
        staged TEXT NOT NULL,             -- absolute path of the file to move
        target TEXT NOT NULL,             -- absolute path it must end up at
        backup TEXT,                      -- where a file already at target goes first (a replaced note)
        created_at TEXT NOT NULL
    );
    """,
    # 3: a cascading delete looks up the children by their key; without an index every deleted section
    # scanned all claims, which made replacing or removing notes quadratic (1,400 changed files: 90 s → 2.5 s).
    """
    CREATE INDEX claims_section ON claims(section_id);
    CREATE INDEX episodes_source ON episodes(source_id);
    """,
    # 4: a claim with no anchor of its own is cited at the nearest anchor of its paragraph or bullet
    # (bot.notes.claims): `seconds` is then that anchor's, `timestamps` stays empty, and this says so.
    """
    ALTER TABLE claims ADD COLUMN inherited INTEGER NOT NULL DEFAULT 0;
    """,
    # 5: a digest subscription may follow only some labs (ids) or podcast channels (bot.digest.subscriptions)
    """
    ALTER TABLE digest_subscriptions ADD COLUMN focus_labs TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE digest_subscriptions ADD COLUMN focus_channels TEXT NOT NULL DEFAULT '[]';
    """,
    # 6: a verdict weighs episodes, not repetitions (bot.store.aggregates): open/closed/partial/planned now
    # count episodes, and these say how many episodes and channels carry any openness evidence at all.
    # Aggregates are marked stale so the next ingest fills them.
    """
    ALTER TABLE entity_stats ADD COLUMN evidence_episodes INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE entity_stats ADD COLUMN evidence_channels INTEGER NOT NULL DEFAULT 0;
    INSERT OR REPLACE INTO meta (key, value) VALUES ('aggregates_dirty', '1');
    """,
    # 7: each note's own timestamp reading, by channel folder: a channel whose notes agree lends its
    # convention to a note that settles nothing (bot.notes.timestamps.channel_prior). One row per note,
    # not counts per channel, so that replacing or removing a note (a cascade) keeps the counts right.
    """
    CREATE TABLE note_readings (
        source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
        folder TEXT NOT NULL,             -- the note's folder under root ('' at the top)
        reading TEXT NOT NULL             -- NoteTimes.reading of the note on its own
    );
    CREATE INDEX note_readings_folder ON note_readings(folder);
    """,
    # 8: "a model counts for its lab", said once: what each catalog entity counts for, itself (direct = 1)
    # and, for a model, its lab (direct = 0). Aggregates (/lab, /labs, /openness), the digest, /episode and
    # /search join mentions and signals to it rather than each mapping models to labs in its own way.
    """
    CREATE VIEW counts_for (entity_type, entity_id, for_type, for_id, direct) AS
        SELECT 'lab', id, 'lab', id, 1 FROM labs
        UNION ALL SELECT 'model', id, 'model', id, 1 FROM models
        UNION ALL SELECT 'model', id, 'lab', lab_id, 0 FROM models;
    """,
    # 9: openness by component (bot.extract.components): what part of a model each signal is about
    # ('weights', 'code', 'training data', 'licence', 'paper', 'access'; NULL when the claim names none) and
    # the licence it names. Existing rows stay NULL until ingest re-extracts (INGEST_VERSION 6 forces it).
    """
    ALTER TABLE signals ADD COLUMN component TEXT CHECK (component IN
        ('weights', 'code', 'training data', 'licence', 'paper', 'access'));
    ALTER TABLE signals ADD COLUMN licence TEXT;
    """,
    # 10: FTS5 merges the index's segments once 16 of a level exist rather than 4 (its default): a full
    # ingest of the vault, a batch of 20k claims at a time, spends about a tenth less time indexing them
    # (bench/ingest.py), and /search takes as long (a full ingest leaves about as many index pages).
    """
    INSERT INTO claims_fts(claims_fts, rank) VALUES ('automerge', 16);
    """,
]

# The shared state file (Config.state_path): what a community gave and did, not derived from notes, so
# that every process serving it sees the same. Attached to each store's connection as schema `state`
# (bot.store.db), with its own `PRAGMA state.user_version`. Statements name the schema: an unqualified
# CREATE would land in the store. Once attached, the store's own copies of these tables are moved here and
# dropped (bot.store.db), so the unqualified names in bot.store.digest_rows and bot.store.audit_log find
# these; store migrations after 9 must therefore not touch STATE_TABLES.
#
# Not here: note_file_ops, the journal of file moves. It must commit in the same database as the note rows
# whose transaction decided the move (a commit across attached WAL databases is atomic per database only),
# and it is finished by the process whose store wrote it.
STATE_TABLES = ("digest_deliveries", "digest_subscriptions", "audit_log")  # children first, for dropping

STATE_MIGRATIONS: list[str] = [
    # 1: the digest's subscriptions and delivery claims, the moderators' audit log; as store migrations 2 and 5
    """
    CREATE TABLE state.digest_subscriptions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        workspace_id TEXT,
        local_time TEXT NOT NULL,
        timezone TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT,
        labels TEXT NOT NULL DEFAULT '{}',
        -- max(sources.id) of the subscribing process's store; only its first period uses it
        source_watermark INTEGER NOT NULL DEFAULT 0,
        focus_labs TEXT NOT NULL DEFAULT '[]',
        focus_channels TEXT NOT NULL DEFAULT '[]',
        UNIQUE (platform, channel_id)
    );
    CREATE TABLE state.digest_deliveries (
        subscription_id INTEGER NOT NULL REFERENCES digest_subscriptions(id) ON DELETE CASCADE,
        period_end TEXT NOT NULL,
        period_start TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'skipped', 'failed')),
        claimed_at TEXT NOT NULL,
        claimed_by TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 1,
        message_id TEXT,
        sent_at TEXT,
        note_count INTEGER NOT NULL DEFAULT 0,
        labels TEXT NOT NULL DEFAULT '{}',
        error TEXT,
        PRIMARY KEY (subscription_id, period_end)
    );
    CREATE TABLE state.audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        platform TEXT NOT NULL,
        user_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        action TEXT NOT NULL,
        path TEXT,
        detail TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX state.audit_log_at ON audit_log(at);
    """,
]
