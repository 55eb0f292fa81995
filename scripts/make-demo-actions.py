#!/usr/bin/env python3
"""Writes Fixtures/demo/actions-2025-MM.csv: a deterministic year of declared actions for the demo.

Most actions are eligible; some are rejected on purpose (see Fixtures/demo/README.md). Run from the repo root:
    python3 scripts/make-demo-actions.py
"""
import csv, datetime, os, random

ROOT = os.path.join(os.path.dirname(__file__), "..", "Fixtures", "demo")
rng = random.Random(2025)

def day(text):
    return datetime.date(*map(int, text.split("/")[::-1])) if text else None

teams = {r["equipe"]: r for r in csv.DictReader(open(os.path.join(ROOT, "equipes.csv"), encoding="utf-8"), delimiter=";")}
pros = {r["rpps"]: r for r in csv.DictReader(open(os.path.join(ROOT, "professionnels.csv"), encoding="utf-8"), delimiter=";")}
members = list(csv.DictReader(open(os.path.join(ROOT, "membres.csv"), encoding="utf-8"), delimiter=";"))

def members_at(team, date):
    out = []
    for m in members:
        if m["equipe"] != team: continue
        start, end = day(m["date_debut"]), day(m["date_fin"])
        if start <= date and (end is None or date <= end):
            out.append(m["rpps"])
    return sorted(out)

def gp(rpps): return pros[rpps]["profession"] == "medecin_generaliste"

# How busy each team is: T044-001 runs out of envelope late in the year.
RCP_PER_MONTH = {"T044-001": 4, "T044-002": 2, "T049-001": 2, "T049-002": 1, "T053-001": 2, "T072-001": 2, "T072-002": 1, "T085-001": 2}

rows_by_month = {m: [] for m in range(1, 13)}
counters = {}
def ref(team, kind):
    counters[(team, kind)] = counters.get((team, kind), 0) + 1
    return f"{kind}-{team[1:4]}-{counters[(team, kind)]:03d}"

def add(month, team, kind, date, minutes, participants, case="", protocol=""):
    reference = ref(team, kind)
    for rpps, role in participants:
        rows_by_month[month].append([team, reference, kind, date.strftime("%d/%m/%Y"), minutes or "", case, protocol, rpps, role])

for month in range(1, 13):
    for team_id, team in sorted(teams.items()):
        types = team["actions"].split("+")
        for i in range(RCP_PER_MONTH[team_id]):
            date = datetime.date(2025, month, min(28, 3 + i * 7 + rng.randrange(3)))
            present = members_at(team_id, date)
            doctors = [p for p in present if gp(p)]
            others = [p for p in present if not gp(p)]
            chosen = ([doctors[i % len(doctors)]] + rng.sample(others, min(len(others), 2))) if doctors else rng.sample(present, min(len(present), 3))
            if len(chosen) < 2: continue
            minutes = rng.choice([90, 105, 120]) if team_id == "T044-001" else rng.choice([45, 60, 60, 75, 90])
            add(month, team_id, "RCP", date, minutes, [(p, "participant") for p in chosen])
        present = members_at(team_id, datetime.date(2025, month, 15))
        doctors = [p for p in present if gp(p)]
        others = [p for p in present if not gp(p)]
        if "PPS" in types and doctors and others and month % 2 == 0:
            add(month, team_id, "PPS", datetime.date(2025, month, 16), None,
                [(doctors[0], "referent")] + [(p, "contributeur") for p in others[:2]], case=f"CAS-{month:02d}{team_id[-3:]}")
        if "RCP_PATIENT" in types and doctors and others and month % 3 == 1:
            add(month, team_id, "RCP_PATIENT", datetime.date(2025, month, 20), None,
                [(doctors[0], "participant"), (others[0], "participant")], case=f"DOM-{month:02d}{team_id[-3:]}")
        if "PROTOCOLE" in types and doctors and others and month in (3, 9):
            add(month, team_id, "PROTOCOLE", datetime.date(2025, month, 24), None,
                [(doctors[0], "participant"), (others[0], "participant")], protocol=f"PROT-{team_id[1:4]}-{month:02d}")
        if "ETP" in types and present:
            add(month, team_id, "ETP", datetime.date(2025, month, 12), 120, [(p, "animateur") for p in present[:2]])

# A deliberate mistake: an RCP between two general practitioners only (not pluriprofessional).
t = "T044-001"
gps = [p for p in members_at(t, datetime.date(2025, 5, 21)) if gp(p)]
add(5, t, "RCP", datetime.date(2025, 5, 21), 60, [(p, "participant") for p in gps[:2]])

header = ["equipe", "action", "type", "date", "duree_minutes", "ref_cas", "ref_protocole", "rpps", "role"]
for month, rows in rows_by_month.items():
    with open(os.path.join(ROOT, f"actions-2025-{month:02d}.csv"), "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
print("written", sum(len(r) for r in rows_by_month.values()), "rows")
