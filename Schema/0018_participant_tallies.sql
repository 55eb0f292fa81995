-- 0018: each professional's paid participations of a year, by action type, kept as actions are paid (issue 8).
-- The yearly caps of the eligibility rules need, for every professional, how many paid actions of each type they
-- took part in during the year and what they were paid. Each import read that with a GROUP BY over the year's
-- actions and participants: nothing in January, 200,000 participant lines by December at ten times the planned
-- size, so a month's import grew from about 0.65 s in January to 0.95 s in December. This table holds those sums;
-- an import reads the year's rows of it.
--
-- Kept by triggers, as open_line is (0008), so that every path that pays, cancels or re-decides an action keeps it:
-- a participant line counts while its action is `validee`, under the year of the action's date and its type.
-- `verify` recomputes it from the actions and names any difference (participant_tallies.mismatch).
CREATE TABLE participant_year_tally (
    year          INTEGER NOT NULL,  -- the year of the action's date
    rpps          TEXT NOT NULL,
    type          TEXT NOT NULL,     -- the action's type
    actions       INTEGER NOT NULL,  -- the participant's lines on paid actions of that type and year
    amount_cents  INTEGER NOT NULL,  -- what those lines paid (a line without an amount counts 0)
    PRIMARY KEY (year, rpps, type)
) WITHOUT ROWID;

-- Filled line by line rather than with a GROUP BY, whose sorter held the whole history in memory (temp_store is
-- MEMORY for the writer): 3.0 s and 75 MB at ten years, against 3.3 s and 243 MB.
INSERT INTO participant_year_tally (year, rpps, type, actions, amount_cents)
    SELECT CAST(substr(a.action_date, 1, 4) AS INTEGER), p.rpps, a.type, 1, COALESCE(p.amount_cents, 0)
    FROM action a JOIN action_participant p ON p.action_id = a.id
    WHERE a.status = 'validee'
    ON CONFLICT (year, rpps, type) DO UPDATE
    SET actions = actions + 1, amount_cents = amount_cents + excluded.amount_cents;

-- A participant line added to, or removed from, a paid action.
CREATE TRIGGER participant_tally_added AFTER INSERT ON action_participant
BEGIN
    INSERT INTO participant_year_tally (year, rpps, type, actions, amount_cents)
        SELECT CAST(substr(a.action_date, 1, 4) AS INTEGER), NEW.rpps, a.type, 1, COALESCE(NEW.amount_cents, 0)
        FROM action a WHERE a.id = NEW.action_id AND a.status = 'validee'
        ON CONFLICT (year, rpps, type) DO UPDATE
        SET actions = actions + excluded.actions, amount_cents = amount_cents + excluded.amount_cents;
END;

CREATE TRIGGER participant_tally_removed AFTER DELETE ON action_participant
BEGIN
    UPDATE participant_year_tally SET actions = actions - 1, amount_cents = amount_cents - COALESCE(OLD.amount_cents, 0)
        WHERE (year, rpps, type) IN
            (SELECT CAST(substr(a.action_date, 1, 4) AS INTEGER), OLD.rpps, a.type FROM action a
             WHERE a.id = OLD.action_id AND a.status = 'validee');
    DELETE FROM participant_year_tally WHERE actions = 0 AND amount_cents = 0 AND (year, rpps, type) IN
        (SELECT CAST(substr(a.action_date, 1, 4) AS INTEGER), OLD.rpps, a.type FROM action a WHERE a.id = OLD.action_id);
END;

-- clap never changes a participant line in place (it deletes and inserts): a change behind its back leaves the
-- table as it was, and `verify` names the difference.

-- An action that stops being paid (cancelled), starts being paid (revalued), or changes its date or type while paid:
-- its participant lines leave the old year and type, then join the new ones.
CREATE TRIGGER action_tally_left AFTER UPDATE OF status, action_date, type ON action WHEN OLD.status = 'validee'
BEGIN
    UPDATE participant_year_tally SET
        actions = actions - (SELECT COUNT(*) FROM action_participant p
                             WHERE p.action_id = OLD.id AND p.rpps = participant_year_tally.rpps),
        amount_cents = amount_cents - (SELECT COALESCE(SUM(p.amount_cents), 0) FROM action_participant p
                                       WHERE p.action_id = OLD.id AND p.rpps = participant_year_tally.rpps)
        WHERE year = CAST(substr(OLD.action_date, 1, 4) AS INTEGER) AND type = OLD.type
          AND rpps IN (SELECT rpps FROM action_participant WHERE action_id = OLD.id);
    DELETE FROM participant_year_tally WHERE actions = 0 AND amount_cents = 0
        AND year = CAST(substr(OLD.action_date, 1, 4) AS INTEGER) AND type = OLD.type
        AND rpps IN (SELECT rpps FROM action_participant WHERE action_id = OLD.id);
END;

CREATE TRIGGER action_tally_joined AFTER UPDATE OF status, action_date, type ON action WHEN NEW.status = 'validee'
BEGIN
    INSERT INTO participant_year_tally (year, rpps, type, actions, amount_cents)
        SELECT CAST(substr(NEW.action_date, 1, 4) AS INTEGER), p.rpps, NEW.type, COUNT(*), COALESCE(SUM(p.amount_cents), 0)
        FROM action_participant p WHERE p.action_id = NEW.id GROUP BY p.rpps
        ON CONFLICT (year, rpps, type) DO UPDATE
        SET actions = actions + excluded.actions, amount_cents = amount_cents + excluded.amount_cents;
END;
