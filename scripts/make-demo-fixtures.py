#!/usr/bin/env python3
"""Writes the demo association's registry CSVs into Fixtures/demo/.

Deterministic: the same script always writes the same bytes. RPPS Luhn keys, RIB keys and IBAN
check digits are computed here, so every identifier in the fixtures is valid.

Usage: python3 scripts/make-demo-fixtures.py   (from the repository root or anywhere)
"""
import pathlib
import random

OUT = pathlib.Path(__file__).resolve().parent.parent / "Fixtures" / "demo"
SEED = 2025

# --- Teams -------------------------------------------------------------------------------------
# (id, name, department, ARS number, ARS registration date, convention date, legal form, actions)
TEAMS = [
    ("T044-001", "ESP CLAP Nantes Erdre", "44", "ARS-PDL-44-2024-007", "12/03/2024", "02/05/2024",
     "aucune", "RCP+RCP_PATIENT+PPS+PROTOCOLE"),
    ("T044-002", "ESP CLAP Pays de Retz", "44", "ARS-PDL-44-2024-015", "18/06/2024", "09/09/2024",
     "association", "RCP+PPS+ETP"),
    ("T049-001", "ESP CLAP Saumur Loire Vignoble", "49", "ARS-PDL-49-2024-003", "05/02/2024", "15/04/2024",
     "aucune", "RCP+RCP_PATIENT+PROTOCOLE"),
    # Registered by the ARS but no convention signed: `reconnue`, so its actions are rejected.
    ("T049-002", "ESP CLAP Segré-en-Anjou Bleu", "49", "ARS-PDL-49-2025-011", "14/04/2025", "",
     "aucune", "RCP+PPS"),
    ("T053-001", "ESP CLAP Laval Agglo Sud", "53", "ARS-PDL-53-2024-004", "26/03/2024", "03/06/2024",
     "aucune", "RCP+PPS+PROTOCOLE"),
    ("T072-001", "ESP CLAP Le Mans Sud-Est", "72", "ARS-PDL-72-2024-009", "07/05/2024", "01/07/2024",
     "aucune", "RCP+RCP_PATIENT+PPS"),
    ("T072-002", "ESP CLAP Vallée du Loir", "72", "ARS-PDL-72-2024-021", "21/10/2024", "06/01/2025",
     "aucune", "RCP+PROTOCOLE"),
    # Active only from 03/03/2025.
    ("T085-001", "ESP CLAP Les Sables-d'Olonne", "85", "ARS-PDL-85-2024-012", "10/09/2024", "03/03/2025",
     "aucune", "RCP+RCP_PATIENT+PPS+PROTOCOLE"),
]

# --- Banks: (bank code, branch code, BIC) ------------------------------------------------------
BANKS = {
    "bnp": ("30004", "00312", "BNPAFRPPXXX"),
    "sg": ("30003", "01460", "SOGEFRPP"),
    "lcl": ("30002", "06520", "CRLYFRPP"),
    "cm": ("10278", "36100", "CMCIFR2A"),
    "cmlaco": ("15519", "39052", "CMCIFR2AXXX"),
    "ca_av": ("14706", "00032", "AGRIFRPP847"),
    "ca_am": ("17906", "00090", "AGRIFRPP879"),
    "cepal": ("14445", "00400", "CEPAFRPP444"),
    "bpgo": ("13807", "00712", "CCBPFRPPNAN"),
    "lbp": ("20041", "01011", "PSSTFRPPNTE"),
    "cic": ("30066", "10947", "CMCIFRPPXXX"),
    "cana": ("16606", "10010", "AGRIFRPP866"),
    "axa": ("12548", "02998", "AXABFRPP"),
}

# --- Professionals -----------------------------------------------------------------------------
# (key, last name, first name, profession, bank, BIC shown?, email domain or None, convention date)
PROFESSIONALS = [
    # T044-001 Nantes Erdre
    ("lemoine", "Lemoine", "Claire", "medecin_generaliste", "bnp", True, "orange.fr", "02/05/2024"),
    ("herve", "Hervé", "Jean-Baptiste", "medecin_generaliste", "cmlaco", True, "medecin.mssante.fr", "02/05/2024"),
    ("brehier", "Bréhier", "Élodie", "infirmier", "ca_av", True, "gmail.com", "06/05/2024"),
    ("guerin", "Guérin", "Thomas", "masseur_kinesitherapeute", "cepal", False, "wanadoo.fr", "13/05/2024"),
    ("legoff", "Le Goff", "Sophie", "pharmacien", "sg", True, "pharmacie-erdre.fr", "02/05/2024"),
    ("chauvin", "Chauvin-Lebreton", "Mathilde", "orthophoniste", "lbp", True, "laposte.net", "21/05/2024"),
    # T044-002 Pays de Retz (Sophie Le Goff is also a member)
    ("rousseau", "Rousseau", "Nicolas", "medecin_generaliste", "ca_av", True, "medecin.mssante.fr", "09/09/2024"),
    ("perrin", "Perrin", "Anne-Laure", "sage_femme", "bpgo", True, "orange.fr", "09/09/2024"),
    ("moreau", "Moreau", "Kévin", "infirmier", "cm", True, None, "16/09/2024"),
    ("dasilva", "Da Silva", "Camille", "dieteticien", "bnp", True, "free.fr", "23/09/2024"),
    ("marchand", "Marchand", "Lucie", "psychomotricien", "cic", True, "gmail.com", "30/09/2024"),
    # T049-001 Saumur Loire Vignoble
    ("mercier", "Mercier", "Philippe", "medecin_generaliste", "ca_am", True, "medecin.mssante.fr", "15/04/2024"),
    ("darcy", "D'Arcy", "Hélène", "medecin_generaliste", "lcl", True, "orange.fr", "15/04/2024"),
    ("fournier", "Fournier", "Laurent", "infirmier", "cepal", True, "sfr.fr", "22/04/2024"),
    ("besnard", "Besnard", "Julie", "pedicure_podologue", "ca_am", False, "gmail.com", "29/04/2024"),
    ("gauthier", "Gauthier", "Marc", "chirurgien_dentiste", "sg", True, None, "15/04/2024"),
    # T049-002 Segré-en-Anjou Bleu (reconnue only)
    ("poirier", "Poirier", "Isabelle", "medecin_generaliste", "ca_am", True, "medecin.mssante.fr", "14/04/2025"),
    ("brochard", "Brochard", "Cédric", "infirmier", "bpgo", True, "orange.fr", "14/04/2025"),
    ("jolivet", "Jolivet", "Manon", "masseur_kinesitherapeute", "cm", True, "gmail.com", "22/04/2025"),
    # T053-001 Laval Agglo Sud: Dr Lecomte leaves on 31/10/2025, Dr Ménard joins on 01/12/2025
    ("lecomte", "Lecomte", "Bernard", "medecin_generaliste", "cana", True, "wanadoo.fr", "03/06/2024"),
    ("tessier", "Tessier", "Chloé", "infirmier", "ca_am", True, "gmail.com", "03/06/2024"),
    ("huet", "Huet", "Yannick", "masseur_kinesitherapeute", "bpgo", True, "orange.fr", "10/06/2024"),
    ("pasquier", "Pasquier", "Margaux", "ergotherapeute", "lbp", False, "laposte.net", "17/06/2024"),
    ("menard", "Ménard", "Aurélie", "medecin_generaliste", "cic", True, "medecin.mssante.fr", "20/11/2025"),
    # T072-001 Le Mans Sud-Est (Guillaume Renaud has not signed his convention)
    ("lebrun", "Lebrun", "François", "medecin_generaliste", "cic", True, "medecin.mssante.fr", "01/07/2024"),
    ("cordier", "Cordier", "Maëlle", "medecin_generaliste", "bnp", True, "gmail.com", "01/07/2024"),
    ("tissier", "Tissier", "Romain", "infirmier", "ca_am", True, "orange.fr", "08/07/2024"),
    ("gasnier", "Gasnier", "Pauline", "sage_femme", "axa", True, "free.fr", "15/07/2024"),
    ("renaud", "Renaud", "Guillaume", "biologiste", "lcl", True, None, ""),
    # T072-002 Vallée du Loir
    ("chevalier", "Chevalier", "Sylvie", "medecin_generaliste", "ca_am", True, "medecin.mssante.fr", "06/01/2025"),
    ("blanchard", "Blanchard", "Stéphane", "infirmier", "cepal", True, "orange.fr", "06/01/2025"),
    ("loriot", "Loriot", "Amandine", "orthophoniste", "sg", False, "gmail.com", "13/01/2025"),
    ("royer", "Royer", "Benoît", "masseur_kinesitherapeute", "bpgo", True, "wanadoo.fr", "20/01/2025"),
    # T085-001 Les Sables-d'Olonne (Noémie Girard signs her convention on 16/06/2025)
    ("rabiller", "Rabiller", "Gaëtan", "medecin_generaliste", "ca_av", True, "medecin.mssante.fr", "03/03/2025"),
    ("girard", "Girard", "Noémie", "infirmier", "cmlaco", True, "gmail.com", "16/06/2025"),
    ("bouchet", "Bouchet", "Arnaud", "pharmacien", "cic", True, None, "03/03/2025"),
    ("martineau", "Martineau", "Inès", "pedicure_podologue", "ca_av", True, "orange.fr", "10/03/2025"),
]

# --- Memberships: (team, professional key, from, to) -------------------------------------------
MEMBERSHIPS = [
    ("T044-001", "lemoine", "12/03/2024", ""),
    ("T044-001", "herve", "12/03/2024", ""),
    ("T044-001", "brehier", "12/03/2024", ""),
    ("T044-001", "guerin", "02/05/2024", ""),
    ("T044-001", "legoff", "12/03/2024", ""),
    ("T044-001", "chauvin", "02/05/2024", ""),
    ("T044-002", "rousseau", "18/06/2024", ""),
    ("T044-002", "perrin", "18/06/2024", ""),
    ("T044-002", "moreau", "18/06/2024", ""),
    ("T044-002", "dasilva", "09/09/2024", ""),
    ("T044-002", "marchand", "09/09/2024", ""),
    ("T044-002", "legoff", "09/09/2024", ""),
    ("T049-001", "mercier", "05/02/2024", ""),
    ("T049-001", "darcy", "05/02/2024", ""),
    ("T049-001", "fournier", "05/02/2024", ""),
    ("T049-001", "besnard", "15/04/2024", ""),
    ("T049-001", "gauthier", "15/04/2024", ""),
    ("T049-002", "poirier", "14/04/2025", ""),
    ("T049-002", "brochard", "14/04/2025", ""),
    ("T049-002", "jolivet", "14/04/2025", ""),
    ("T053-001", "lecomte", "26/03/2024", "31/10/2025"),
    ("T053-001", "tessier", "26/03/2024", ""),
    ("T053-001", "huet", "26/03/2024", ""),
    ("T053-001", "pasquier", "03/06/2024", ""),
    ("T053-001", "menard", "01/12/2025", ""),
    ("T072-001", "lebrun", "07/05/2024", ""),
    ("T072-001", "cordier", "07/05/2024", ""),
    ("T072-001", "tissier", "07/05/2024", ""),
    ("T072-001", "gasnier", "01/07/2024", ""),
    ("T072-001", "renaud", "01/07/2024", ""),
    ("T072-002", "chevalier", "21/10/2024", ""),
    ("T072-002", "blanchard", "21/10/2024", ""),
    ("T072-002", "loriot", "06/01/2025", ""),
    ("T072-002", "royer", "06/01/2025", ""),
    ("T085-001", "rabiller", "10/09/2024", ""),
    ("T085-001", "girard", "10/09/2024", ""),
    ("T085-001", "bouchet", "10/09/2024", ""),
    ("T085-001", "martineau", "03/03/2025", ""),
]


def luhn_key(payload: str) -> str:
    """The digit that makes payload + digit pass the Luhn check."""
    total = 0
    for offset, char in enumerate(reversed(payload)):
        value = int(char)
        if offset % 2 == 0:  # doubled once the key is appended at the right
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return luhn_key(number[:-1]) == number[-1]


RIB_LETTERS = {c: str(v) for v, letters in enumerate(["", "AJ", "BKS", "CLT", "DMU", "ENV", "FOW", "GPX", "HQY", "IRZ"])
               for c in letters}


def rib_key(bank: str, branch: str, account: str) -> str:
    digits = "".join(RIB_LETTERS.get(c, c) for c in account)
    return "%02d" % (97 - (89 * int(bank) + 15 * int(branch) + 3 * int(digits)) % 97)


def iban_numeric(text: str) -> int:
    return int("".join(str(int(c, 36)) for c in text))


def french_iban(bank: str, branch: str, account: str) -> str:
    bban = bank + branch + account + rib_key(bank, branch, account)
    check = 98 - iban_numeric(bban + "FR00") % 97
    iban = "FR%02d%s" % (check, bban)
    assert iban_numeric(iban[4:] + iban[:4]) % 97 == 1
    return iban


def ascii_fold(text: str) -> str:
    table = str.maketrans("éèêëàâäîïôöûüùçÉÈÊËÀÂÎÏÔÖÛÜÇ", "eeeeaaaiioouuucEEEEAAIIOOUUC")
    return text.translate(table)


def email(first: str, last: str, domain: str) -> str:
    def part(s: str) -> str:
        return ascii_fold(s).lower().replace("'", "").replace(" ", "")
    return "%s.%s@%s" % (part(first), part(last), domain)


def grouped(iban: str) -> str:
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))


def write(name: str, header: str, rows: list) -> None:
    lines = [header] + [";".join(row) for row in rows]
    (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    rng = random.Random(SEED)
    OUT.mkdir(parents=True, exist_ok=True)

    rpps_by_key = {}
    professional_rows = []
    used_rpps = set()
    for index, (key, last, first, profession, bank, with_bic, domain, convention) in enumerate(PROFESSIONALS):
        while True:
            payload = "10" + "%08d" % rng.randrange(0, 10**8)
            rpps = payload + luhn_key(payload)
            if rpps not in used_rpps:
                break
        assert luhn_valid(rpps) and len(rpps) == 11
        used_rpps.add(rpps)
        rpps_by_key[key] = rpps
        bank_code, branch, bic = BANKS[bank]
        if bank == "lbp":
            # La Banque Postale account numbers carry a letter: 7 digits, a letter, 3 digits.
            account = "%07d%s%03d" % (rng.randrange(10**7), "ABCDEFGHJKL"[rng.randrange(11)], rng.randrange(1000))
        else:
            account = "%011d" % rng.randrange(10**10, 10**11)
        iban = french_iban(bank_code, branch, account)
        # Every third IBAN is written as a person would copy it, in groups of four.
        iban_text = grouped(iban) if index % 3 == 1 else iban
        professional_rows.append([
            rpps, last, first, profession, iban_text, bic if with_bic else "",
            email(first, last, domain) if domain else "", convention,
        ])

    team_rows = [list(team) for team in TEAMS]
    member_rows = [[team, rpps_by_key[key], start, end] for team, key, start, end in MEMBERSHIPS]

    write("equipes.csv", "equipe;nom;departement;numero_ars;date_enregistrement_ars;date_convention;"
          "forme_juridique;actions", team_rows)
    write("professionnels.csv", "rpps;nom;prenom;profession;iban;bic;email;date_convention", professional_rows)
    write("membres.csv", "equipe;rpps;date_debut;date_fin", member_rows)


if __name__ == "__main__":
    main()
