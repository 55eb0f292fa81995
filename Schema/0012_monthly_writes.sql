-- 0012: fewer pages written per month at ten years of history (issue 8).
-- An index keyed by professional receives one new key per professional each month, at the end of that
-- professional's run, so a month of actions or a payout rewrote one page per professional in each such index:
-- measured on a copy of the ten-year benchmark database, one month's import changed 53,000 pages (11,100 of them
-- in third_party_month, 10,300 in action_participant_by_rpps, 1,000 in open_line_by_account) and a payout 27,000
-- (11,600 in third_party_month). Three of those structures are keyed otherwise, or dropped, here.

-- The monthly totals per third party are keyed by month first: a month's rows are one contiguous run at the end
-- of the table. The trial balance reads every month before a date (a range of the key) and `verify` one month
-- at a time (a prefix of the key), so the separate index by month is no longer needed.
CREATE TABLE third_party_month_by_month_first (
    month         TEXT NOT NULL CHECK (length(month) = 7),      -- AAAA-MM
    account       TEXT NOT NULL,
    auxiliary     TEXT NOT NULL,
    debit_cents   INTEGER NOT NULL CHECK (debit_cents >= 0),
    credit_cents  INTEGER NOT NULL CHECK (credit_cents >= 0),
    PRIMARY KEY (month, account, auxiliary)
) WITHOUT ROWID;
INSERT INTO third_party_month_by_month_first (month, account, auxiliary, debit_cents, credit_cents)
    SELECT month, account, auxiliary, debit_cents, credit_cents FROM third_party_month ORDER BY month, account, auxiliary;
DROP TABLE third_party_month;
ALTER TABLE third_party_month_by_month_first RENAME TO third_party_month;

-- A professional's participations were indexed by RPPS for one check only: a protocol is paid once per
-- professional. That check now starts from the team's actions under the protocol (a few per year; only
-- protocol actions carry a protocol reference) and reads the participant by the primary key (action_id, rpps).
DROP INDEX action_participant_by_rpps;
CREATE INDEX action_by_protocol ON action (team_id, protocol_ref) WHERE protocol_ref IS NOT NULL;

-- The open lines are few (what no payout has lettered yet: about a month of indemnities): a payout reads them all
-- in key order rather than through an index by account and third party.
DROP INDEX open_line_by_account;
