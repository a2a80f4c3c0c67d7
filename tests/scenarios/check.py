#!/usr/bin/env python3
"""Run a vnner binary over every scenario and compare with expect.tsv.

usage: check.py [--bin VNNER] [--datadir DIR] [--markdown FILE] [CASE...]

Each case's corpus.jsonl is ingested into a fresh database in a scratch folder; every
expectation line is then asked with `who --format json`, `positions --format json`
(without --on when the date is `-`) or `history` (skipped as failing when the
binary has no such command). Holders and posts compare as sets after NFC, lower
case, new-style tone marks and expansion of UBND/HĐND/MTTQ/TP.
"""
import argparse, json, os, re, subprocess, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
import tempfile, atexit, shutil
SCRATCH = tempfile.mkdtemp(prefix="vnner-scenarios-")
atexit.register(shutil.rmtree, SCRATCH, True)
ABBR = [(r"\bubnd\b", "ủy ban nhân dân"), (r"\bhđnd\b", "hội đồng nhân dân"),
        (r"\bmttq\b", "mặt trận tổ quốc"), (r"\btp\.?(?=\s)", "thành phố")]
OLD_TONE = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
            "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
            "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}

def norm(s):
    s = unicodedata.normalize("NFC", s).lower().replace("\u00f0", "đ")
    s = re.sub(r"(?<!q)(oà|oá|oả|oã|oạ|oè|oé|oẻ|oẽ|oẹ|uỳ|uý|uỷ|uỹ|uỵ)(?!\w)",
               lambda m: OLD_TONE[m.group(1)], s)
    for a, b in ABBR:
        s = re.sub(a, b, s)
    return " ".join(s.split())

def items(field):
    field = field.strip()
    return set() if field in ("", "-") else {norm(x) for x in field.split(";") if x.strip()}

def run(cmd, env):
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return p.returncode, p.stdout, p.stderr

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.environ.get("VNNER", "vnner"))
    ap.add_argument("--min", type=int, default=0, help="fail when fewer expectation lines are right (a floor)")
    ap.add_argument("--datadir", default=os.environ.get("VNNER_DATADIR", os.path.dirname(os.path.dirname(HERE))))
    ap.add_argument("--markdown")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    env = dict(os.environ, VNNER_DATADIR=a.datadir)
    cases = a.cases or sorted(d for d in os.listdir(HERE)
                              if os.path.isfile(os.path.join(HERE, d, "expect.tsv")))
    total = passed = 0
    report = []
    for c in cases:
        db = os.path.join(SCRATCH, f"sc-{c}.db")
        if os.path.exists(db):
            os.remove(db)
        rc, out, err = run([a.bin, "ingest", "--db", db, "--input", "jsonl",
                            os.path.join(HERE, c, "corpus.jsonl")], env)
        if rc != 0:
            print(f"{c}: ingest failed rc={rc}: {err.strip()}", file=sys.stderr)
        rows = []
        for line in open(os.path.join(HERE, c, "expect.tsv"), encoding="utf-8"):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            f = line.split("\t")
            kind = f[0]
            if kind == "who":
                _, post, date, exp = f
                rc, out, err = run([a.bin, "who", "--db", db, "--on", date, "--format", "json", post], env)
                try:
                    got = [h["person"] for h in json.loads(out)["holders"]]
                    quals = {h["person"]: h.get("qualifier") for h in json.loads(out)["holders"]}
                except Exception:
                    got, quals = None, {}
                ok = got is not None and {norm(x) for x in got} == items(exp)
                shown = "; ".join(f"{g} ({quals.get(g)})" for g in got) if got else ("-" if got is not None else f"error rc={rc} {err.strip()}")
                if ok and any(quals.get(g) == "former" for g in got):
                    shown += "  [holder shown as former on a date inside the term]"
                    ok = "former"
                rows.append((ok, f"who `{post}` {date}", exp, shown))
            elif kind == "positions":
                _, person, date, exp = f
                cmd = [a.bin, "positions", "--db", db, "--format", "json"]
                if date != "-":
                    cmd += ["--on", date]
                rc, out, err = run(cmd + [person], env)
                try:
                    got = [p["post"] for p in json.loads(out)["positions"]]
                except Exception:
                    got = None if rc not in (0, 1) or out.strip() else []
                ok = got is not None and {norm(x) for x in got} == items(exp)
                shown = "; ".join(got) if got else ("-" if got is not None else f"error rc={rc} {err.strip()}")
                rows.append((ok, f"positions `{person}` {date}", exp, shown))
            elif kind == "history":
                _, post, exp = f
                rc, out, err = run([a.bin, "history", "--db", db, "--format", "json", post], env)
                ok, shown = False, (err.strip() or out.strip())[:200]
                if rc == 0:
                    try:
                        got = "; ".join(f"{h['person']}|{h.get('from') or '?'}|{h.get('to') or '-'}"
                                        for h in json.loads(out)["holders"])
                        ok = [norm(x) for x in got.split(";")] == [norm(x) for x in exp.split(";")]
                        shown = got or "-"
                    except Exception:
                        pass
                rows.append((ok, f"history `{post}`", exp, shown))
            else:
                rows.append((False, f"?? {line}", "", "unknown kind"))
        n_ok = sum(bool(r[0]) for r in rows)
        n_fq = sum(r[0] == "former" for r in rows)
        total += len(rows); passed += n_ok
        report.append((c, n_ok, rows))
        print(f"{c}: {n_ok}/{len(rows)}" + (f" ({n_fq} of them with holder shown as former)" if n_fq else ""))
    print(f"TOTAL {passed}/{total}")
    if passed < a.min:
        print(f"FAIL: {passed} right, below the floor of {a.min}")
    if a.markdown:
        with open(a.markdown, "w", encoding="utf-8") as o:
            for c, n_ok, rows in report:
                o.write(f"\n## {c} — {n_ok}/{len(rows)}\n\n| | query | expected | vnner answers |\n|---|---|---|---|\n")
                for ok, q, exp, shown in rows:
                    cell = lambda s: s.replace("|", "\\|")
                    o.write(f"| {'✔' if ok is True else ('✔⚠' if ok else '✘')} | {cell(q)} | {cell(exp)} | {cell(shown)} |\n")
    return 1 if passed < a.min else 0

if __name__ == "__main__":
    sys.exit(main())
