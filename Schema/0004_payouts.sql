-- 0004: payout batches, their transfers (with the IBAN each one used), and the lettering of 401100 lines.

CREATE TABLE payout_batch (
    id               TEXT PRIMARY KEY,             -- e.g. VIR-2025-10
    month            TEXT NOT NULL UNIQUE,         -- AAAA-MM
    execution_date   TEXT NOT NULL,
    threshold_cents  INTEGER NOT NULL CHECK (threshold_cents >= 0),
    sepa_version     TEXT NOT NULL,
    message_id       TEXT NOT NULL UNIQUE,
    created_at       TEXT NOT NULL,
    entry_seq        INTEGER REFERENCES entry(seq),  -- NULL when nobody was due
    status           TEXT NOT NULL CHECK (status IN ('emis', 'execute')),
    confirmed_at     TEXT
);

CREATE TABLE payout_transfer (
    batch_id          TEXT NOT NULL REFERENCES payout_batch(id),
    rpps              TEXT NOT NULL REFERENCES professional(rpps),
    amount_cents      INTEGER NOT NULL CHECK (amount_cents > 0),
    iban_id           INTEGER NOT NULL REFERENCES professional_iban(id),
    end_to_end_id     TEXT NOT NULL UNIQUE,
    rejected_on       TEXT,
    reject_reason     TEXT,
    reject_entry_seq  INTEGER REFERENCES entry(seq),
    PRIMARY KEY (batch_id, rpps)
) WITHOUT ROWID;
CREATE INDEX payout_transfer_by_rpps ON payout_transfer (rpps);

-- Professionals left out of a batch, and why (no valid IBAN, below the threshold, negative balance).
CREATE TABLE payout_exclusion (
    batch_id      TEXT NOT NULL REFERENCES payout_batch(id),
    rpps          TEXT NOT NULL,
    balance_cents INTEGER NOT NULL,
    code          TEXT NOT NULL,
    message       TEXT NOT NULL,
    PRIMARY KEY (batch_id, rpps)
) WITHOUT ROWID;

-- EcritureLet / DateLet: lines of a payable account that settle each other carry the same letter.
CREATE TABLE lettering (
    entry_seq    INTEGER NOT NULL REFERENCES entry(seq),
    line_no      INTEGER NOT NULL,
    letter       TEXT NOT NULL,
    lettered_on  TEXT NOT NULL,
    PRIMARY KEY (entry_seq, line_no)
) WITHOUT ROWID;
CREATE INDEX lettering_by_letter ON lettering (letter);
