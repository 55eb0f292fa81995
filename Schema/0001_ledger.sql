-- 0001: the double-entry ledger. Chart, journals, entries and their lines, the hash-chain head,
-- period locks and the audit log. Posted rows are immutable: triggers refuse UPDATE and DELETE.

CREATE TABLE association (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 70),
    siren       TEXT NOT NULL CHECK (length(siren) = 9 AND siren NOT GLOB '*[^0-9]*'),
    iban        TEXT NOT NULL CHECK (length(iban) BETWEEN 15 AND 34),
    bic         TEXT CHECK (bic IS NULL OR length(bic) IN (8, 11)),
    created_on  TEXT NOT NULL
);

CREATE TABLE account (
    number       TEXT PRIMARY KEY CHECK (length(number) BETWEEN 3 AND 20 AND number NOT GLOB '*[^0-9]*'),
    label        TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
    role         TEXT UNIQUE,
    third_party  INTEGER NOT NULL DEFAULT 0 CHECK (third_party IN (0, 1))
);

CREATE TABLE journal (
    code   TEXT PRIMARY KEY,
    label  TEXT NOT NULL
);
INSERT INTO journal (code, label) VALUES
    ('OD', 'Opérations diverses'),
    ('IND', 'Indemnités'),
    ('BQ', 'Banque'),
    ('AN', 'À-nouveaux');

-- seq is the entry's position in the hash chain (posting order).
CREATE TABLE entry (
    seq               INTEGER PRIMARY KEY,
    journal           TEXT NOT NULL REFERENCES journal(code),
    fiscal_year       INTEGER NOT NULL,
    number            INTEGER NOT NULL CHECK (number >= 1),
    entry_date        TEXT NOT NULL,
    piece_date        TEXT NOT NULL,
    valid_date        TEXT NOT NULL,
    piece_ref         TEXT NOT NULL,
    label             TEXT NOT NULL,
    idempotency_key   TEXT UNIQUE,
    request_digest    TEXT NOT NULL,
    reverses_journal  TEXT,
    reverses_year     INTEGER,
    reverses_number   INTEGER,
    prev_hash         TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash              TEXT NOT NULL CHECK (length(hash) = 64),
    UNIQUE (journal, fiscal_year, number)
);
CREATE INDEX entry_by_date ON entry (entry_date);

CREATE TABLE posting (
    entry_seq     INTEGER NOT NULL REFERENCES entry(seq),
    line_no       INTEGER NOT NULL CHECK (line_no >= 1),
    account       TEXT NOT NULL REFERENCES account(number),
    auxiliary     TEXT,
    analytic      TEXT,
    debit_cents   INTEGER NOT NULL CHECK (debit_cents >= 0),
    credit_cents  INTEGER NOT NULL CHECK (credit_cents >= 0),
    CHECK ((debit_cents > 0) + (credit_cents > 0) = 1),
    PRIMARY KEY (entry_seq, line_no)
) WITHOUT ROWID;
CREATE INDEX posting_by_account ON posting (account, auxiliary);
CREATE INDEX posting_by_analytic ON posting (analytic, account);

-- The end of the hash chain, updated in the same transaction as each posting: a deleted last entry shows.
CREATE TABLE ledger_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq  INTEGER NOT NULL,
    hash      TEXT NOT NULL CHECK (length(hash) = 64)
);
INSERT INTO ledger_head (id, last_seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Closing is cumulative: the effective lock is the latest closed_through. after_seq is the last entry
-- posted before the lock, so verify can tell entries posted into a closed period.
CREATE TABLE period_lock (
    id              INTEGER PRIMARY KEY,
    closed_through  TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('month', 'year')),
    after_seq       INTEGER NOT NULL,
    closed_at       TEXT NOT NULL,
    operator        TEXT NOT NULL
);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    command   TEXT NOT NULL,
    summary   TEXT NOT NULL
);

CREATE TRIGGER entry_is_immutable_u BEFORE UPDATE ON entry
    BEGIN SELECT RAISE(ABORT, 'clap: une écriture validée ne se modifie pas'); END;
CREATE TRIGGER entry_is_immutable_d BEFORE DELETE ON entry
    BEGIN SELECT RAISE(ABORT, 'clap: une écriture validée ne se supprime pas'); END;
CREATE TRIGGER posting_is_immutable_u BEFORE UPDATE ON posting
    BEGIN SELECT RAISE(ABORT, 'clap: une ligne validée ne se modifie pas'); END;
CREATE TRIGGER posting_is_immutable_d BEFORE DELETE ON posting
    BEGIN SELECT RAISE(ABORT, 'clap: une ligne validée ne se supprime pas'); END;
CREATE TRIGGER period_lock_is_immutable_u BEFORE UPDATE ON period_lock
    BEGIN SELECT RAISE(ABORT, 'clap: une clôture ne se modifie pas'); END;
CREATE TRIGGER period_lock_is_immutable_d BEFORE DELETE ON period_lock
    BEGIN SELECT RAISE(ABORT, 'clap: une clôture ne se supprime pas'); END;
CREATE TRIGGER audit_log_is_immutable_u BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'clap: le journal d''audit ne se modifie pas'); END;
CREATE TRIGGER audit_log_is_immutable_d BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'clap: le journal d''audit ne se supprime pas'); END;
