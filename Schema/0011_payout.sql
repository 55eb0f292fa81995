-- 0011: two indexes of 0004 that no query reads, dropped because every payout paid for them.
-- payout_transfer_by_rpps: a payout adds one key per professional paid, spread over the whole index, so it rewrote
-- nearly every page of it (2,000 of the 12,400 pages a payout changed after two years, growing with the history).
-- The next letter of a professional is now found from the batches, newest first, by the primary key
-- (batch_id, rpps); the per-professional sums of `verify` scan the table and sort, faster than through this index.
-- lettering_by_letter: nothing looks lettering up by letter (letters are read by line, by batch, or summed per
-- account and third party through the lines).
DROP INDEX payout_transfer_by_rpps;
DROP INDEX lettering_by_letter;
