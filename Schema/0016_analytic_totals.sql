-- 0016: each envelope's running totals instead of an index over its lines (issue 8).
-- The room left in a team's envelope was summed from its lines through posting_by_analytic (analytic, account).
-- The analytic code starts with the team, so each month's import wrote into 1,500 places of that index, one per
-- team: 4,047 of the 11,897 pages one month's import changed at ten years. This table holds, per analytic code
-- and account, the sums of every line that carries the code (every journal): PostingBatch adds each entry's
-- lines in the same statement sequence as the lines themselves, so the envelope's room reads two or three rows,
-- and a month's import rewrites a few hundred pages of it. `verify` recomputes it from the lines and names any
-- difference (invariant 7, analytic_totals.mismatch); the envelope check itself (invariant 5) still sums the lines.
CREATE TABLE analytic_total (
    analytic      TEXT NOT NULL,
    account       TEXT NOT NULL,
    debit_cents   INTEGER NOT NULL CHECK (debit_cents >= 0),
    credit_cents  INTEGER NOT NULL CHECK (credit_cents >= 0),
    PRIMARY KEY (analytic, account)
) WITHOUT ROWID;

INSERT INTO analytic_total (analytic, account, debit_cents, credit_cents)
    SELECT analytic, account, SUM(debit_cents), SUM(credit_cents) FROM posting
    WHERE analytic IS NOT NULL GROUP BY analytic, account;

DROP INDEX posting_by_analytic;
