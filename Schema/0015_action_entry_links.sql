-- 0015: an action is found from the entry that values it, or the one that cancels it (issue 8).
-- A statement explains each line of a professional's payable by the action behind its entry; with no index on
-- action.entry_seq each such line scanned every action (787,000 at ten years): 0.9 s for one professional's year,
-- and `statement --all` for one month had not finished after ten minutes. Entry numbers only grow, so each
-- import appends at the right edge of these indexes: a few pages a month.
CREATE INDEX action_by_entry ON action (entry_seq) WHERE entry_seq IS NOT NULL;
CREATE INDEX action_by_cancel_entry ON action (cancel_entry_seq) WHERE cancel_entry_seq IS NOT NULL;
