#!/usr/bin/env python3
"""Checks gazetteer/admin: the official counts, no duplicates, every new commune
in a known new province, and places.tsv's successor links agreeing with
provinces.tsv."""
import csv, sys, os
root = sys.argv[1]
d = os.path.join(root, 'gazetteer', 'admin')
def rows(name):
    with open(os.path.join(d, name), encoding='utf-8') as f:
        return list(csv.DictReader(f, delimiter='\t'))
fail = 0
def check(what, ok):
    global fail
    print(('ok   ' if ok else 'FAIL ') + what)
    fail += not ok
prov = rows('provinces.tsv')
new_prov = {p['name'] for p in prov if not p['valid_to'] or p['valid_to'] > '2025-06-30'}
old_prov = {p['name'] for p in prov if p['name'] != 'Thừa Thiên Huế'}
check('63 provinces before the merger', len(old_prov) == 63)
check('34 provinces after it', len(new_prov) == 34)
for p in prov:
    if p['valid_to'] == '2025-06-30':
        check('%s merged into a province that exists (%s)' % (p['name'], p['successor']), p['successor'] in new_prov)
new = rows('communes-new.tsv')
check('3321 communes after the merger', len(new) == 3321)
check('every new commune in a new province', all(c['province'] in new_prov for c in new))
keys = [(c['name'], c['unit'], c['province']) for c in new]
check('no duplicate new communes', len(keys) == len(set(keys)))
old = rows('communes-old.tsv')
check('10035 communes before it', len(old) == 10035)
dist = rows('districts.tsv')
check('696 districts on 2025-06-30', sum(1 for x in dist if x['valid_to'] == '2025-06-30') == 696)
succ = {}
with open(os.path.join(root, 'gazetteer', 'places.tsv'), encoding='utf-8') as f:
    for line in f:
        c = line.rstrip('\n').split('\t')
        if len(c) == 6 and 'successor=' in c[5] and c[0] == c[1]:
            succ[c[0]] = c[5].split('successor=')[1].split(';')[0]
by_name = {p['name']: p['successor'] for p in prov}
for name, s in sorted(succ.items()):
    want = by_name.get(name)
    check('places.tsv: %s → %s as provinces.tsv says (%s)' % (name, s, want),
          want is not None and (s == want or s.endswith(want)))
print('%d failed' % fail if fail else 'all passed')
sys.exit(1 if fail else 0)
