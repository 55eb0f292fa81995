-- 0008: what keeps reads fast at scale (issue 8).
-- Running totals of the posting lines per month, so that a trial balance at any date reads months instead of
-- every line. LedgerWriter.post adds each entry's lines in the same transaction as the lines themselves;
-- `verify` recomputes both tables from the lines and names any difference. The month is the entry date's
-- (EcritureDate, the date `balance --at` filters on).

-- Per account and month, every line (the balance générale).
CREATE TABLE account_month (
    account       TEXT NOT NULL,
    month         TEXT NOT NULL CHECK (length(month) = 7),      -- AAAA-MM
    debit_cents   INTEGER NOT NULL CHECK (debit_cents >= 0),
    credit_cents  INTEGER NOT NULL CHECK (credit_cents >= 0),
    PRIMARY KEY (account, month)
) WITHOUT ROWID;

-- Per account, third party and month, the lines that carry a third party (the balance auxiliaire).
CREATE TABLE third_party_month (
    account       TEXT NOT NULL,
    auxiliary     TEXT NOT NULL,
    month         TEXT NOT NULL CHECK (length(month) = 7),
    debit_cents   INTEGER NOT NULL CHECK (debit_cents >= 0),
    credit_cents  INTEGER NOT NULL CHECK (credit_cents >= 0),
    PRIMARY KEY (account, auxiliary, month)
) WITHOUT ROWID;
-- `verify` compares the totals month by month.
CREATE INDEX third_party_month_by_month ON third_party_month (month);

INSERT INTO account_month (account, month, debit_cents, credit_cents)
    SELECT p.account, substr(e.entry_date, 1, 7), SUM(p.debit_cents), SUM(p.credit_cents)
    FROM posting p JOIN entry e ON e.seq = p.entry_seq
    GROUP BY p.account, substr(e.entry_date, 1, 7);

INSERT INTO third_party_month (account, auxiliary, month, debit_cents, credit_cents)
    SELECT p.account, p.auxiliary, substr(e.entry_date, 1, 7), SUM(p.debit_cents), SUM(p.credit_cents)
    FROM posting p JOIN entry e ON e.seq = p.entry_seq
    WHERE p.auxiliary IS NOT NULL
    GROUP BY p.account, p.auxiliary, substr(e.entry_date, 1, 7);

-- The lines of third-party accounts that no payout has lettered yet, so that a payout run reads what is still
-- open instead of every payable line of the history. Kept by triggers: a line with a third party is open when
-- posted and closed when lettered; `verify` checks the table against the lines and the letters.
CREATE TABLE open_line (
    entry_seq  INTEGER NOT NULL,
    line_no    INTEGER NOT NULL,
    account    TEXT NOT NULL,
    auxiliary  TEXT NOT NULL,
    PRIMARY KEY (entry_seq, line_no)
) WITHOUT ROWID;
CREATE INDEX open_line_by_account ON open_line (account, auxiliary);

INSERT INTO open_line (entry_seq, line_no, account, auxiliary)
    SELECT p.entry_seq, p.line_no, p.account, p.auxiliary FROM posting p
    WHERE p.auxiliary IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM lettering l WHERE l.entry_seq = p.entry_seq AND l.line_no = p.line_no);

CREATE TRIGGER posting_opens_line AFTER INSERT ON posting WHEN NEW.auxiliary IS NOT NULL
    BEGIN INSERT INTO open_line (entry_seq, line_no, account, auxiliary) VALUES (NEW.entry_seq, NEW.line_no, NEW.account, NEW.auxiliary); END;
CREATE TRIGGER lettering_closes_line AFTER INSERT ON lettering
    BEGIN DELETE FROM open_line WHERE entry_seq = NEW.entry_seq AND line_no = NEW.line_no; END;
