-- 0007: seals over the registry rows that decide where money goes and how much, which the ledger's hash chain
-- does not cover: each barème version and each IBAN a professional had. For each kind, in row id order,
--     seal = SHA-256(previous seal of that kind, or 64 zeros ‖ canonical bytes of the row)
-- computed by clap_seal(), a function clap registers on every connection it opens (docs/hash-chain.md gives
-- the byte layout). A trigger seals each row as it is inserted, so an INSERT through sqlite3 alone fails;
-- `clap verify` recomputes every seal and names the row that no longer matches, or has none.

CREATE TABLE registry_seal (
    kind    TEXT NOT NULL CHECK (kind IN ('tariff_version', 'professional_iban')),
    row_id  INTEGER NOT NULL,
    seal    TEXT NOT NULL CHECK (length(seal) = 64),
    PRIMARY KEY (kind, row_id)
) WITHOUT ROWID;

-- Rows already there when this migration runs are sealed now, in id order (each step finds the next id by index).
WITH RECURSIVE chain (row_id, seal) AS (
    SELECT NULL, NULL
    UNION ALL
    SELECT v.id, clap_seal(c.seal, 'tariff_version', v.id, v.name, v.effective_from, v.source_toml, v.sha256, v.loaded_at)
    FROM chain c JOIN tariff_version v ON v.id = (SELECT MIN(id) FROM tariff_version WHERE id > COALESCE(c.row_id, -1))
)
INSERT INTO registry_seal (kind, row_id, seal) SELECT 'tariff_version', row_id, seal FROM chain WHERE row_id IS NOT NULL;

WITH RECURSIVE chain (row_id, seal) AS (
    SELECT NULL, NULL
    UNION ALL
    SELECT i.id, clap_seal(c.seal, 'professional_iban', i.id, i.rpps, i.iban, i.bic, i.recorded_at)
    FROM chain c JOIN professional_iban i ON i.id = (SELECT MIN(id) FROM professional_iban WHERE id > COALESCE(c.row_id, -1))
)
INSERT INTO registry_seal (kind, row_id, seal) SELECT 'professional_iban', row_id, seal FROM chain WHERE row_id IS NOT NULL;

CREATE TRIGGER tariff_version_is_sealed AFTER INSERT ON tariff_version
BEGIN
    INSERT INTO registry_seal (kind, row_id, seal) VALUES ('tariff_version', NEW.id,
        clap_seal((SELECT seal FROM registry_seal WHERE kind = 'tariff_version' ORDER BY row_id DESC LIMIT 1),
                  'tariff_version', NEW.id, NEW.name, NEW.effective_from, NEW.source_toml, NEW.sha256, NEW.loaded_at));
END;

CREATE TRIGGER professional_iban_is_sealed AFTER INSERT ON professional_iban
BEGIN
    INSERT INTO registry_seal (kind, row_id, seal) VALUES ('professional_iban', NEW.id,
        clap_seal((SELECT seal FROM registry_seal WHERE kind = 'professional_iban' ORDER BY row_id DESC LIMIT 1),
                  'professional_iban', NEW.id, NEW.rpps, NEW.iban, NEW.bic, NEW.recorded_at));
END;

CREATE TRIGGER registry_seal_is_immutable_u BEFORE UPDATE ON registry_seal
    BEGIN SELECT RAISE(ABORT, 'clap: un sceau du registre ne se modifie pas'); END;
CREATE TRIGGER registry_seal_is_immutable_d BEFORE DELETE ON registry_seal
    BEGIN SELECT RAISE(ABORT, 'clap: un sceau du registre ne se supprime pas'); END;
