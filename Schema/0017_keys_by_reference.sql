-- 0017: an action's reference leads its indexes, the team follows (issue 8).
-- Keyed (team, reference), each month's import wrote into every team's run of these indexes: at ten years, out of
-- the 8,349 pages a month's import changed after Schema/0016, 3,667 were action_paid_reference's, 1,232
-- action_by_case's and 330 action_rejected_by_team_ref's. References carry their year and number
-- ("RCP-2026-001", "CAS-26-0002"): keyed (reference, team), a month's new rows fall next to each other, and the
-- month changed 3,563 pages in all. Opaque references do no worse than before (a page per new row at most, as a
-- page per team was). Every lookup of the import names both the team and the reference: the same uniqueness (one
-- paid action per team and reference) and the same single seek. The one reading of a team's actions through
-- action_paid_reference, the ARS report, now reads the year's actions once through action_by_date.
DROP INDEX action_paid_reference;
CREATE UNIQUE INDEX action_paid_reference ON action (reference, team_id) WHERE status <> 'rejetee';
DROP INDEX action_by_case;
CREATE INDEX action_by_case ON action (case_ref, team_id) WHERE case_ref IS NOT NULL;
DROP INDEX action_rejected_by_team_ref;
CREATE INDEX action_rejected_by_ref ON action (reference, team_id, declaration_digest) WHERE status = 'rejetee';
