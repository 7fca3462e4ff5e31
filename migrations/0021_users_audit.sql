-- 0021 users and audit: the accounts of the web application (bangfu user,
-- bangfu serve) and the audit log of every login, failure, denial, write and
-- view of personal data (issue 17).  The audit log is append-only: bangfu
-- only ever inserts into it, and each entry carries the hash of the one
-- before it (BLAKE2b, libsodium's crypto_generichash), so that bangfu audit
-- verify finds an entry changed, inserted or removed.  Nothing deletes
-- entries: they are kept at least the 183 days of 网络安全法 第二十一条.

-- One user, who sees their region and the regions within it.
CREATE TABLE users (
    login         TEXT CONSTRAINT users_key PRIMARY KEY,
    name          TEXT NOT NULL,
    region        TEXT NOT NULL,           -- canonical 12 digits, a code of regions
    roles         TEXT NOT NULL,           -- 系统管理员,经办员,审核员,查看员,村级帮扶员 (some)
    password_hash TEXT NOT NULL,           -- crypto_pwhash_str: Argon2id with its parameters
    failures      INTEGER NOT NULL DEFAULT 0, -- failed logins since the last success or lock
    locked_until  TEXT,                    -- ISO 8601 UTC: locked after 5 failures, for 30 min
    disabled      INTEGER NOT NULL DEFAULT 0, -- 1: locked by bangfu user lock until unlocked
    epoch         BIGINT NOT NULL DEFAULT 0,  -- moved by a password change or a lock: ends sessions
    created_at    TEXT NOT NULL,
    password_at   TEXT NOT NULL            -- when the password was last set
);

-- The audit log: one row per event, seq 1, 2, 3, ... without gaps.
CREATE TABLE audit_log (
    seq       BIGINT CONSTRAINT audit_log_key PRIMARY KEY,
    at        TEXT NOT NULL,   -- ISO 8601 UTC
    actor     TEXT NOT NULL,   -- the login, the login tried, or cli:OSUSER
    address   TEXT NOT NULL,   -- the client's address and port, or cli
    action    TEXT NOT NULL,   -- login, logout, view, view_full, write, denied, user_add, ...
    target    TEXT NOT NULL,   -- what: the route and the person's ID number, the user, ...
    outcome   TEXT NOT NULL,   -- ok, failed, locked, denied, not_found, invalid, ...
    detail    TEXT NOT NULL,   -- more, as JSON ('' for none)
    prev_hash TEXT NOT NULL,   -- hash of entry seq - 1 (64 zeros for the first)
    hash      TEXT NOT NULL    -- BLAKE2b-256 of this entry's fields and prev_hash, hex
);
CREATE INDEX audit_log_actor ON audit_log (actor, at);
