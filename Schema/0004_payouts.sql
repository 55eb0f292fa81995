-- 0004: payout batches, their transfers (with the IBAN each one used), and the lettering of 401100 lines.
-- A batch keeps everything its files are made of (creation time, message id, debtor, names, amounts, IBAN ids),
-- so running the month again writes the same bytes. Nothing here is deleted; only the lifecycle columns change.

CREATE TABLE payout_batch (
    id               TEXT PRIMARY KEY,             -- e.g. VIR-2025-10
    month            TEXT NOT NULL UNIQUE,         -- AAAA-MM
    execution_date   TEXT NOT NULL,                -- the requested execution date written in the SEPA file
    threshold_cents  INTEGER NOT NULL CHECK (threshold_cents >= 0),
    sepa_version     TEXT NOT NULL CHECK (sepa_version IN ('pain.001.001.09', 'pain.001.001.03')),
    message_id       TEXT NOT NULL UNIQUE CHECK (length(message_id) BETWEEN 1 AND 35),
    created_at       TEXT NOT NULL,                -- also the SEPA CreDtTm
    debtor_name      TEXT NOT NULL,
    debtor_iban      TEXT NOT NULL,
    debtor_bic       TEXT,
    remittance       TEXT NOT NULL CHECK (length(remittance) BETWEEN 1 AND 140),
    entry_seq        INTEGER UNIQUE REFERENCES entry(seq),  -- NULL when nobody was due
    status           TEXT NOT NULL CHECK (status IN ('emis', 'execute')),
    confirmed_at     TEXT,
    CHECK ((status = 'execute') = (confirmed_at IS NOT NULL))
);

CREATE TABLE payout_transfer (
    batch_id          TEXT NOT NULL REFERENCES payout_batch(id),
    rpps              TEXT NOT NULL REFERENCES professional(rpps),
    creditor_name     TEXT NOT NULL CHECK (length(creditor_name) BETWEEN 1 AND 141),
    amount_cents      INTEGER NOT NULL CHECK (amount_cents > 0),
    iban_id           INTEGER NOT NULL REFERENCES professional_iban(id),
    end_to_end_id     TEXT NOT NULL UNIQUE CHECK (length(end_to_end_id) BETWEEN 1 AND 35),
    line_no           INTEGER NOT NULL CHECK (line_no >= 1),   -- its debit line in the batch's BQ entry
    rejected_on       TEXT,
    reject_reason     TEXT,
    reject_entry_seq  INTEGER UNIQUE REFERENCES entry(seq),
    CHECK ((rejected_on IS NULL) = (reject_entry_seq IS NULL) AND (rejected_on IS NULL) = (reject_reason IS NULL)),
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

-- EcritureLet / DateLet: lines of a payable account that settle each other carry the same letter
-- (letters run A, B, … Z, AA, AB … per account and third party). batch_id names the payout that lettered them.
CREATE TABLE lettering (
    entry_seq    INTEGER NOT NULL REFERENCES entry(seq),
    line_no      INTEGER NOT NULL,
    letter       TEXT NOT NULL CHECK (length(letter) BETWEEN 1 AND 3 AND letter NOT GLOB '*[^A-Z]*'),
    lettered_on  TEXT NOT NULL,
    batch_id     TEXT REFERENCES payout_batch(id),
    PRIMARY KEY (entry_seq, line_no)
) WITHOUT ROWID;
CREATE INDEX lettering_by_letter ON lettering (letter);
CREATE INDEX lettering_by_batch ON lettering (batch_id);

CREATE TRIGGER payout_batch_is_kept_d BEFORE DELETE ON payout_batch
    BEGIN SELECT RAISE(ABORT, 'clap: un lot de virements ne se supprime pas'); END;
CREATE TRIGGER payout_batch_is_kept_u BEFORE UPDATE OF id, month, execution_date, threshold_cents, sepa_version, message_id,
        created_at, debtor_name, debtor_iban, debtor_bic, remittance, entry_seq ON payout_batch
    BEGIN SELECT RAISE(ABORT, 'clap: un lot de virements émis ne se modifie pas'); END;
CREATE TRIGGER payout_transfer_is_kept_d BEFORE DELETE ON payout_transfer
    BEGIN SELECT RAISE(ABORT, 'clap: un virement émis ne se supprime pas'); END;
CREATE TRIGGER payout_transfer_is_kept_u BEFORE UPDATE OF batch_id, rpps, creditor_name, amount_cents, iban_id,
        end_to_end_id, line_no ON payout_transfer
    BEGIN SELECT RAISE(ABORT, 'clap: un virement émis ne se modifie pas'); END;
CREATE TRIGGER payout_transfer_rejected_once BEFORE UPDATE OF rejected_on, reject_reason, reject_entry_seq ON payout_transfer
    WHEN OLD.rejected_on IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'clap: ce virement est déjà rejeté'); END;
CREATE TRIGGER payout_exclusion_is_kept_u BEFORE UPDATE ON payout_exclusion
    BEGIN SELECT RAISE(ABORT, 'clap: une exclusion enregistrée ne se modifie pas'); END;
CREATE TRIGGER payout_exclusion_is_kept_d BEFORE DELETE ON payout_exclusion
    BEGIN SELECT RAISE(ABORT, 'clap: une exclusion enregistrée ne se supprime pas'); END;
CREATE TRIGGER lettering_is_kept_u BEFORE UPDATE ON lettering
    BEGIN SELECT RAISE(ABORT, 'clap: un lettrage ne se modifie pas'); END;
CREATE TRIGGER lettering_is_kept_d BEFORE DELETE ON lettering
    BEGIN SELECT RAISE(ABORT, 'clap: un lettrage ne se supprime pas'); END;
