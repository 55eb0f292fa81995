-- 0014: the index an import reads to skip a declaration it already holds covers the rejected actions only (issue 8).
-- action_by_team_ref (team, reference, declaration digest) held every action; keyed by team, it received one key per
-- team and action type each month (6,100 of the 18,500 pages a month's import changed at ten years, after
-- Schema/0012 and 0013). A paid or cancelled action is already found by action_paid_reference (team, reference),
-- unique among them; only the rejected ones, a few in a hundred, need an index of their own.
DROP INDEX action_by_team_ref;
CREATE INDEX action_rejected_by_team_ref ON action (team_id, reference, declaration_digest) WHERE status = 'rejetee';
