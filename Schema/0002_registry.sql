-- 0002: the registry. Teams with their status history, professionals with their IBAN history,
-- memberships. Nothing here is deleted: a professional is deactivated, an IBAN superseded.

CREATE TABLE team (
    id                 TEXT PRIMARY KEY CHECK (length(id) BETWEEN 3 AND 20),
    name               TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    department         TEXT NOT NULL CHECK (department IN ('44', '49', '53', '72', '85')),
    ars_number         TEXT,
    ars_registered_on  TEXT,
    convention_on      TEXT,
    legal_form         TEXT NOT NULL CHECK (legal_form IN ('aucune', 'association')),
    action_types       TEXT NOT NULL,      -- the health project's action types, '+'-joined, sorted
    created_at         TEXT NOT NULL
);

CREATE TABLE team_status (
    team_id      TEXT NOT NULL REFERENCES team(id),
    since        TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('projet', 'reconnue', 'active', 'suspendue', 'cloturee')),
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (team_id, since, status)
) WITHOUT ROWID;

CREATE TABLE professional (
    rpps           TEXT PRIMARY KEY CHECK (length(rpps) = 11 AND rpps NOT GLOB '*[^0-9]*'),
    last_name      TEXT NOT NULL CHECK (length(last_name) BETWEEN 1 AND 70),
    first_name     TEXT NOT NULL CHECK (length(first_name) BETWEEN 1 AND 70),
    profession     TEXT NOT NULL CHECK (profession IN ('medecin_generaliste', 'chirurgien_dentiste', 'sage_femme',
                       'pharmacien', 'biologiste', 'infirmier', 'masseur_kinesitherapeute', 'pedicure_podologue',
                       'ergotherapeute', 'psychomotricien', 'orthophoniste', 'orthoptiste', 'dieteticien')),
    email          TEXT,
    convention_on  TEXT,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at     TEXT NOT NULL
);

-- Each IBAN a professional had; the one with the highest id is current. A payout records the id it used.
CREATE TABLE professional_iban (
    id           INTEGER PRIMARY KEY,
    rpps         TEXT NOT NULL REFERENCES professional(rpps),
    iban         TEXT NOT NULL CHECK (length(iban) BETWEEN 15 AND 34),
    bic          TEXT CHECK (bic IS NULL OR length(bic) IN (8, 11)),
    recorded_at  TEXT NOT NULL
);
CREATE INDEX professional_iban_by_rpps ON professional_iban (rpps, id);
CREATE TRIGGER professional_iban_is_immutable_u BEFORE UPDATE ON professional_iban
    BEGIN SELECT RAISE(ABORT, 'clap: un IBAN enregistré ne se modifie pas ; enregistrez le nouveau'); END;
CREATE TRIGGER professional_iban_is_immutable_d BEFORE DELETE ON professional_iban
    BEGIN SELECT RAISE(ABORT, 'clap: l''historique des IBAN ne se supprime pas'); END;

CREATE TABLE membership (
    id         INTEGER PRIMARY KEY,
    team_id    TEXT NOT NULL REFERENCES team(id),
    rpps       TEXT NOT NULL REFERENCES professional(rpps),
    from_day   TEXT NOT NULL,
    to_day     TEXT,
    CHECK (to_day IS NULL OR to_day >= from_day)
);
CREATE INDEX membership_by_team ON membership (team_id, rpps);
CREATE INDEX membership_by_rpps ON membership (rpps);
