-- 0005: every export clap writes, so that two exports can be reconciled later.
CREATE TABLE export_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    operator    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    scope       TEXT NOT NULL,
    file        TEXT NOT NULL,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    line_count  INTEGER NOT NULL,
    head_hash   TEXT NOT NULL
);
CREATE TRIGGER export_log_is_immutable_u BEFORE UPDATE ON export_log
    BEGIN SELECT RAISE(ABORT, 'clap: le registre des exports ne se modifie pas'); END;
CREATE TRIGGER export_log_is_immutable_d BEFORE DELETE ON export_log
    BEGIN SELECT RAISE(ABORT, 'clap: le registre des exports ne se supprime pas'); END;
