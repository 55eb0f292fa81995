-- 0003: barème versions and declared actions. A loaded barème version is never changed; an action keeps
-- its declaration, its status, every rejection reason, the barème version that valued it and its IND entry.

CREATE TABLE tariff_version (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    effective_from  TEXT NOT NULL UNIQUE,
    source_toml     TEXT NOT NULL,
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    loaded_at       TEXT NOT NULL
);
CREATE TRIGGER tariff_version_is_immutable_u BEFORE UPDATE ON tariff_version
    BEGIN SELECT RAISE(ABORT, 'clap: une version du barème ne se modifie pas ; chargez-en une nouvelle'); END;
CREATE TRIGGER tariff_version_is_immutable_d BEFORE DELETE ON tariff_version
    BEGIN SELECT RAISE(ABORT, 'clap: une version du barème ne se supprime pas'); END;

CREATE TABLE action (
    id                 INTEGER PRIMARY KEY,
    team_id            TEXT NOT NULL REFERENCES team(id),
    reference          TEXT NOT NULL,
    type               TEXT NOT NULL,
    action_date        TEXT NOT NULL,
    duration_minutes   INTEGER CHECK (duration_minutes IS NULL OR duration_minutes > 0),
    case_ref           TEXT,
    protocol_ref       TEXT,
    status             TEXT NOT NULL CHECK (status IN ('validee', 'rejetee', 'annulee')),
    tariff_version_id  INTEGER REFERENCES tariff_version(id),
    total_cents        INTEGER CHECK (total_cents IS NULL OR total_cents > 0),
    entry_seq          INTEGER REFERENCES entry(seq),
    cancel_entry_seq   INTEGER REFERENCES entry(seq),
    cancel_reason      TEXT,
    declaration_digest TEXT NOT NULL,
    source_file        TEXT NOT NULL,
    source_line        INTEGER NOT NULL,
    recorded_at        TEXT NOT NULL,
    CHECK (status <> 'validee' OR (entry_seq IS NOT NULL AND total_cents IS NOT NULL AND tariff_version_id IS NOT NULL))
);
-- One paid action per team and reference (rule 6); rejected declarations may repeat a reference.
CREATE UNIQUE INDEX action_paid_reference ON action (team_id, reference) WHERE status <> 'rejetee';
CREATE INDEX action_by_team_ref ON action (team_id, reference, declaration_digest);
CREATE INDEX action_by_date ON action (action_date);
CREATE INDEX action_by_case ON action (team_id, case_ref) WHERE case_ref IS NOT NULL;

CREATE TABLE action_participant (
    action_id     INTEGER NOT NULL REFERENCES action(id),
    rpps          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('participant', 'referent', 'contributeur', 'animateur')),
    tariff_group  TEXT,                 -- the group it was valued with (kept so verify can revalue)
    amount_cents  INTEGER CHECK (amount_cents IS NULL OR amount_cents > 0),
    PRIMARY KEY (action_id, rpps)
) WITHOUT ROWID;
CREATE INDEX action_participant_by_rpps ON action_participant (rpps, action_id);

CREATE TABLE action_rejection (
    action_id  INTEGER NOT NULL REFERENCES action(id),
    position   INTEGER NOT NULL,
    code       TEXT NOT NULL,
    message    TEXT NOT NULL,
    PRIMARY KEY (action_id, position)
) WITHOUT ROWID;
