-- 0008: running totals of the posting lines per month, so that a trial balance at any date reads months instead
-- of every line. LedgerWriter.post adds each entry's lines in the same transaction as the lines themselves;
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
