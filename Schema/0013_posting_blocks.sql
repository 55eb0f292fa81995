-- 0013: a third party's lines are found block by block (issue 8).
-- posting_by_account was keyed (account, auxiliary): every month, each professional's new indemnity lines, and the
-- payout's line for them, went to the end of that professional's run, so a month rewrote one page per professional
-- (13,700 pages of a month's import at ten years, 12,900 of a payout's 14,200 after Schema/0012).
-- The key now puts a block number between the account and the third party: the entry's sequence number divided by
-- 16,384 (entry_seq >> 14; about two months of entries at ten times the planned size, years at today's). New lines
-- go to the newest block, whose few hundred pages a month rewrites whatever the length of the history.
-- A query for one third party names every block (`ThirdPartyBlocks`): `(p.entry_seq >> 14) IN (0, 1, …)` with
-- `p.auxiliary = ?` is one seek per block. The expression must be written exactly so for SQLite to use the index.
DROP INDEX posting_by_account;
CREATE INDEX posting_by_account ON posting (account, entry_seq >> 14, auxiliary);
