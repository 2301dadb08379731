#!/usr/bin/env python3
"""For every FsCheck property of the test suite, the broken implementations it was seen failing on.

Sources (nothing is re-run here):
  - Stryker.NET reports, mutation/reports/*/mutation-report.json: a mutant's `killedBy` lists the tests that failed on it;
  - the hand-made mutants of mutation/property-mutants.py, mutation/reports/property-mutants.tsv.
The properties are found in the test sources ([Property] and [SolverProperty] methods).

    python3 mutation/property-kills.py            # writes mutation/reports/property-kills.md, prints the unseen ones

Exit code 1 if some property was not seen failing on any mutant.
"""
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def properties():
    found = []
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "SphereFlow.Tests", "**", "*.cs"), recursive=True)):
        text = open(path, encoding="utf-8").read()
        ns = re.search(r"^namespace ([\w.]+);", text, re.M)
        for m in re.finditer(r"\[(?:Property|SolverProperty)\b[^\]]*\]\s*(?:\[[^\]]*\]\s*)*public\s+\w+\s+(\w+)\s*\(", text):
            cls = None
            for c in re.finditer(r"\bclass\s+(\w+)", text[: m.start()]):
                cls = c.group(1)
            found.append((f"{ns.group(1)}.{cls}" if ns and cls else "", m.group(1), os.path.relpath(path, ROOT)))
    return found


def stryker_kills():
    """test method name → list of (report folder, file:line, mutator, replacement)."""
    kills = {}
    for report in sorted(glob.glob(os.path.join(HERE, "reports", "*", "mutation-report.json"))):
        folder = os.path.basename(os.path.dirname(report))
        r = json.load(open(report, encoding="utf-8"))
        names = {t["id"]: t["name"] for f in (r.get("testFiles") or {}).values() for t in f.get("tests", [])}
        for file, entry in r["files"].items():
            for mutant in entry["mutants"]:
                if mutant.get("status") not in ("Killed", "Timeout"):
                    continue
                for test_id in mutant.get("killedBy") or []:
                    name = names.get(test_id, "")
                    method = re.sub(r"\(.*$", "", name).split(".")[-1]
                    where = f"{os.path.basename(file)}:{mutant['location']['start']['line']}"
                    kills.setdefault(method, []).append((folder, where, mutant["mutatorName"], str(mutant.get("replacement", ""))[:60]))
    return kills


def hand_kills():
    kills = {}
    path = os.path.join(HERE, "reports", "property-mutants.tsv")
    if not os.path.exists(path):
        return kills
    for line in open(path, encoding="utf-8").read().splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 3 or cols[2].startswith("NONE"):
            continue
        for prop in cols[2].split(","):
            kills.setdefault(prop.strip(), []).append(cols[0])
    return kills


def main():
    props = properties()
    stryker, hand = stryker_kills(), hand_kills()
    lines = ["# Properties and the broken implementations they were seen failing on", "",
             "Made by `python3 mutation/property-kills.py` from the Stryker reports in `mutation/reports/*/` (a mutant's",
             "`killedBy`) and the hand-made mutants of `mutation/reports/property-mutants.tsv`. Stryker stops a mutant's test run",
             "at the first failing test, so a property can fail on more mutants than its count here.", "",
             "| property | class | Stryker mutants it killed | an example | hand-made mutants it failed on |", "|---|---|---|---|---|"]
    unseen = []
    for cls, method, path in props:
        s, h = stryker.get(method, []), hand.get(method, [])
        example = f"{s[0][0]}: `{s[0][1]}` {s[0][2]} → `{s[0][3]}`".replace("|", "\\|") if s else ""
        lines.append(f"| `{method}` | {cls.split('.')[-1]} | {len(s)} | {example} | {', '.join(x.split(' ')[0] for x in h)} |")
        if not s and not h:
            unseen.append(f"{method} ({path})")
    lines += ["", f"{len(props)} properties; {len(props) - len(unseen)} seen failing on at least one mutant."]
    if unseen:
        lines += ["", "Not seen failing on a mutant listed here (see mutation/README.md for the deliberate defects they were shown on):", ""]
        lines += [f"- {u}" for u in unseen]
    out = os.path.join(HERE, "reports", "property-kills.md")
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(out + ".tmp", out)
    print(f"{len(props)} properties, {len(props) - len(unseen)} seen failing; wrote {os.path.relpath(out, ROOT)}")
    for u in unseen:
        print("  unseen:", u)
    return 1 if unseen else 0


if __name__ == "__main__":
    sys.exit(main())
