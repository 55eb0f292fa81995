-- 0010: the FEC of a year in one pass (issue 8). `clap export fec` lists a fiscal year's entries with
-- ORDER BY (journal = 'AN') DESC, valid_date, seq: à-nouveaux first, then validation order, then chain order.
-- This index holds exactly that order (seq, the rowid, ends every index key), so SQLite walks it and sorts
-- nothing: no temporary B-tree of every line of the year, memory flat whatever the size of the year.
CREATE INDEX entry_fec_order ON entry (fiscal_year, (journal = 'AN') DESC, valid_date);
