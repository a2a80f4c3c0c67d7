#!/usr/bin/env python3
"""Timing helpers for run.sh (python3 standard library only).

  timing.py startup VNNER RUNS
      runs `VNNER annotate -` on empty input RUNS times; prints
      "median_ms min_ms max_ms".
  timing.py who VNNER DB QUERIES SEED
      samples QUERIES (post, date) pairs that exist in DB (deterministically from
      SEED), runs one `VNNER who --db DB --on DATE --format json POST` process
      for each and prints "median_ms p99_ms mean_ms max_ms answered posts"
      (answered: queries whose answer names at least one holder; posts: how
      many posts with dated holdings the sample was drawn from).
  timing.py batch VNNER DB QUERIES SEED
      the same queries through one `VNNER who --db DB --format json --batch`
      process, one "POST<TAB>DATE" line at a time, each answer read before the
      next is sent; prints "median_ms p99_ms mean_ms startup_ms" (startup: the
      process's start and first answer less the median).
  timing.py dbstats DB
      prints "documents persons posts holdings" of DB.
"""
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time


def run_timed(argv, stdin=subprocess.DEVNULL, capture=False):
    t0 = time.perf_counter()
    p = subprocess.run(argv, stdin=stdin, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    return (time.perf_counter() - t0) * 1000.0, p


def percentile(sorted_ms, q):
    """Nearest-rank percentile of an already sorted list."""
    k = max(0, min(len(sorted_ms) - 1, int(-(-q * len(sorted_ms) // 100)) - 1))
    return sorted_ms[k]


def startup(vnner, runs):
    ms = []
    for _ in range(int(runs)):
        t, p = run_timed([vnner, "annotate", "-"])
        if p.returncode != 0:
            sys.exit("timing: vnner annotate - failed (%d): %s" % (p.returncode, p.stderr.decode(errors="replace")))
        ms.append(t)
    ms.sort()
    print("%.2f %.2f %.2f" % (statistics.median(ms), ms[0], ms[-1]))


def connect(db):
    return sqlite3.connect("file:%s?mode=ro" % os.path.abspath(db), uri=True)


def dbstats(db):
    c = connect(db)
    print(" ".join(str(c.execute("SELECT count(*) FROM %s" % t).fetchone()[0])
                   for t in ("documents", "persons", "posts", "holdings")))


def sample(db, n, seed):
    """n (post name, date) pairs: posts drawn uniformly among those with a dated
    holding, the date that of one of its holdings (its document's date)."""
    c = connect(db)
    counts = c.execute("SELECT post_id, count(*) FROM holdings WHERE doc_date IS NOT NULL"
                       " GROUP BY post_id ORDER BY post_id").fetchall()
    if not counts:
        sys.exit("timing: %s has no dated holdings" % db)
    rng = random.Random(seed)
    picks = rng.sample(counts, n) if n <= len(counts) else [rng.choice(counts) for _ in range(n)]
    out = []
    for post_id, cnt in picks:
        name = c.execute("SELECT name FROM posts WHERE id=?", (post_id,)).fetchone()[0]
        date = c.execute("SELECT doc_date FROM holdings WHERE post_id=? AND doc_date IS NOT NULL"
                         " ORDER BY id LIMIT 1 OFFSET ?", (post_id, rng.randrange(cnt))).fetchone()[0]
        out.append((name, date[:10]))
    return out, len(counts)


def who(vnner, db, n, seed):
    queries, nposts = sample(db, int(n), int(seed))
    for name, date in queries[:5]:  # warm the page cache; not counted
        run_timed([vnner, "who", "--db", db, "--on", date, name])
    ms, answered = [], 0
    for name, date in queries:
        t, p = run_timed([vnner, "who", "--db", db, "--on", date, "--format", "json", name], capture=True)
        if p.returncode != 0:
            sys.exit("timing: vnner who '%s' --on %s failed (%d): %s"
                     % (name, date, p.returncode, p.stderr.decode(errors="replace")))
        ms.append(t)
        try:
            answered += bool(json.loads(p.stdout).get("holders"))
        except ValueError:
            sys.exit("timing: vnner who '%s' printed no JSON" % name)
    ms.sort()
    print("%.2f %.2f %.2f %.2f %d %d" % (statistics.median(ms), percentile(ms, 99), statistics.fmean(ms),
                                         ms[-1], answered, nposts))


def batch(vnner, db, n, seed):
    queries, _ = sample(db, int(n), int(seed))
    t0 = time.perf_counter()
    p = subprocess.Popen([vnner, "who", "--db", db, "--format", "json", "--batch"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    ms, first = [], None
    for name, date in queries:
        t = time.perf_counter()
        p.stdin.write(("%s\t%s\n" % (name, date)).encode())
        p.stdin.flush()
        line = p.stdout.readline()
        if not line:
            sys.exit("timing: vnner who --batch stopped answering at '%s'" % name)
        json.loads(line)
        if first is None:
            first = (time.perf_counter() - t0) * 1000
        else:
            ms.append((time.perf_counter() - t) * 1000)
    p.stdin.close()
    p.wait()
    ms.sort()
    med = statistics.median(ms) if ms else 0.0
    print("%.3f %.3f %.3f %.2f" % (med, percentile(ms, 99) if ms else 0.0, statistics.fmean(ms) if ms else 0.0,
                                   first - med))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"startup": startup, "who": who, "batch": batch, "dbstats": dbstats}[cmd](*args)
