#!/usr/bin/env python3
"""Deterministic generator of a synthetic corpus of Vietnamese official news.

The articles imitate the genre vnner is built for (party, state and provincial
news: conferences, council sessions, elections, appointments, visits, awards,
retirements, party congresses, meetings with voters, foreign delegations) but
every sentence comes from the templates below, and every
person is a generated name. Places, bodies and titles are read from the
gazetteer (gazetteer/*.tsv), honouring the dates from which a province or a
ministry exists, so an article of 2018 speaks of Bộ Kế hoạch và Đầu tư and one
of 2026 does not.

A small "world" is generated first from the seed: for every post (Bí thư Tỉnh
ủy of each province, Chủ tịch UBND, three Phó Chủ tịch UBND, Giám đốc of each
Sở, ministers, ...) a chain of holders with tenure dates. Articles then name
whoever holds a post on the article's date, so a database built from the
corpus answers `vnner who` with consistent holders, as a real archive would.

Article i depends only on (seed, i): the corpus of N articles is a prefix of
the corpus of N+1, and the same arguments give byte-identical output.

usage:
  gencorpus.py [--articles N | --megabytes M] [--seed S] [--start I]
               [--format jsonl | --format text-dir DIR] [--gazetteer DIR] [--stats FILE]

  --articles N      write N articles (default 1000)
  --megabytes M     write articles until the output reaches M * 10^6 bytes
                    (JSON lines, or the .txt files)
  --seed S          integer seed (default 20240101)
  --start I         number of the first article (default 1), to write a slice
  --format jsonl    one {"id","text","date"} object a line on standard output
  --format text-dir DIR
                    one DIR/NNNNNNN.txt file per article
  --gazetteer DIR   the gazetteer folder (default: ../../gazetteer from here)
  --stats FILE      write "articles N\\ntext_bytes T\\noutput_bytes O" to FILE

A summary (articles, text bytes, output bytes) is printed on standard error.
"""

import argparse
import bisect
import datetime as dt
import json
import os
import random
import re
import sys

# --------------------------------------------------------------------------
# Names: our own lists (not read from the gazetteer, which only lists surnames).

SURNAMES = (
    ["Nguyễn"] * 38 + ["Trần"] * 11 + ["Lê"] * 9 + ["Phạm"] * 7 + ["Hoàng"] * 5 + ["Huỳnh"] * 4
    + ["Phan"] * 4 + ["Vũ"] * 4 + ["Võ"] * 3 + ["Đặng"] * 2 + ["Bùi"] * 2 + ["Đỗ"] * 2 + ["Hồ"]
    + ["Ngô", "Dương", "Lý", "Trương", "Đinh", "Trịnh", "Mai", "Hà", "Đoàn", "Lương", "Cao",
       "Đào", "Lâm", "Lưu", "Triệu", "Phùng", "Tạ", "Thái", "Vương", "Tô", "Châu", "Chu",
       "Đàm", "Nông", "Kiều", "Quách", "Lò", "Hứa", "Thạch", "Y", "Ksor", "Kpă", "Rơ Châm"]
)
MIDDLE_M = ["Văn", "Văn", "Văn", "Đình", "Minh", "Quốc", "Hữu", "Đức", "Công", "Xuân", "Thanh",
            "Ngọc", "Trọng", "Tiến", "Quang", "Mạnh", "Viết", "Bá", "Duy", "Hoàng", "Anh", "Trung",
            "Khắc", "Thế", "Tuấn", "Hồng", "Kim", "Việt", "Hải", "Phú"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Thị Thu", "Thị Thanh", "Thị Hồng", "Thị Kim", "Thị Minh",
            "Ngọc", "Thu", "Thanh", "Hồng", "Mỹ", "Bích", "Phương", "Hải", "Lan", "Diệu"]
GIVEN_M = ["Hùng", "Dũng", "Cường", "Thắng", "Tuấn", "Hải", "Long", "Sơn", "Bình", "Phong",
           "Quân", "Thành", "Trung", "Nam", "Hưng", "Khánh", "Toàn", "Tâm", "Lộc", "Phúc",
           "Vinh", "Hiếu", "Nghĩa", "Tùng", "Thịnh", "Đạt", "Hoàn", "Kiên", "Lâm", "Mạnh",
           "Quyết", "Sáng", "Tài", "Thái", "Thuận", "Tiến", "Trí", "Tường", "Vĩnh", "Xuân",
           "Chiến", "Doanh", "Giang", "Hoà", "Huy", "Khải", "Lực", "Minh", "Nhân", "Phương",
           "Quang", "Sỹ", "Thanh", "Thông", "Tín", "Trường", "Tuệ", "Việt", "Yên", "Bảo"]
GIVEN_F = ["Lan", "Hương", "Hoa", "Mai", "Hạnh", "Hằng", "Nga", "Ngọc", "Thảo", "Trang",
           "Huyền", "Loan", "Liên", "Dung", "Phượng", "Yến", "Nhung", "Oanh", "Thủy", "Vân",
           "Hiền", "Hà", "Linh", "Quyên", "Tuyết", "Xuân", "Anh", "Bích", "Diệp", "Giang"]
PEN_NAMES = ["Minh Anh", "Thu Hà", "Hoàng Nam", "Quang Huy", "Thanh Tâm", "Bảo Ngọc", "Đức Toàn",
             "Mai Phương", "Trọng Đức", "Hải Yến", "Khánh Linh", "Văn Thành", "Phạm Cường",
             "Ngọc Hân", "Hồng Nhung", "Việt Dũng", "Kim Oanh", "Tuấn Anh", "Phương Thảo", "Gia Huy"]
OCCUPATIONS = ["nông dân", "giáo viên", "bác sĩ", "cựu chiến binh", "chủ hợp tác xã", "doanh nhân",
               "trưởng thôn", "công an viên", "đoàn viên thanh niên", "kỹ sư nông nghiệp",
               "nghệ nhân", "già làng", "công nhân", "hội viên phụ nữ"]

# --------------------------------------------------------------------------
# Gazetteer


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i == 0 or not line.strip() or line.startswith("#"):
                continue
            c = line.rstrip("\n").split("\t")
            c += [""] * (6 - len(c))
            # the note's free text, without its KEY=VALUE attributes (foreign=1; country)
            text = "; ".join(p.strip() for p in c[5].split(";") if p.strip() and "=" not in p.split(" ")[0])
            rows.append({"surface": c[0], "canonical": c[1] or c[0], "class": c[2],
                         "from": c[3], "to": c[4], "note": text,
                         "foreign": any(p.strip() == "foreign=1" for p in c[5].split(";"))})
    return rows


def as_day(s, last):
    """'2025', '2025-02' or '2025-02-17' as an ordinal day (first or last day)."""
    if not s:
        return None
    p = [int(x) for x in s.split("-")]
    if len(p) == 1:
        d = dt.date(p[0], 12, 31) if last else dt.date(p[0], 1, 1)
    elif len(p) == 2:
        if last:
            nxt = dt.date(p[0] + (p[1] == 12), p[1] % 12 + 1, 1)
            d = nxt - dt.timedelta(days=1)
        else:
            d = dt.date(p[0], p[1], 1)
    else:
        d = dt.date(*p)
    return d.toordinal()


class Gazetteer:
    def __init__(self, folder):
        rows = []
        for name in sorted(os.listdir(folder)):
            if name.endswith(".tsv"):
                rows += read_tsv(os.path.join(folder, name))
        self.rows = rows
        self.variants = {}  # (class, canonical) -> surfaces, canonical spelling first
        for r in rows:
            key = (r["class"], r["canonical"])
            v = self.variants.setdefault(key, [])
            if r["surface"] == r["canonical"]:
                v.insert(0, r["surface"])
            else:
                v.append(r["surface"])

    def find(self, surface, classes):
        if not hasattr(self, "_by_surface"):
            self._by_surface = {}
            for r in self.rows:
                self._by_surface.setdefault(r["surface"], []).append(r)
        for r in self._by_surface.get(surface, ()):
            if r["class"] in classes:
                return r
        raise SystemExit("gencorpus: '%s' (%s) is not in the gazetteer" % (surface, "/".join(classes)))

    def span(self, r):
        lo = as_day(r["from"], False) or dt.date(1900, 1, 1).toordinal()
        hi = as_day(r["to"], True) or dt.date(2100, 1, 1).toordinal()
        return lo, hi

    def forms(self, r):
        """The surfaces that write the same thing as r (r's own first)."""
        v = self.variants.get((r["class"], r["canonical"]), [r["surface"]])
        return [r["surface"]] + [s for s in v if s != r["surface"]]


# --------------------------------------------------------------------------
# Helpers

ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n):
    out = []
    for v, s in ROMAN:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
FIRST_DAY = dt.date(2015, 1, 1).toordinal()
LAST_DAY = dt.date(2026, 12, 31).toordinal()


def dmy(o):
    d = dt.date.fromordinal(o)
    return "%d/%d/%d" % (d.day, d.month, d.year)


def dm(o):
    d = dt.date.fromordinal(o)
    return "%d/%d" % (d.day, d.month)


def year(o):
    return dt.date.fromordinal(o).year


def money(rng):
    return "%d.%03d" % (rng.randint(1, 95), rng.randint(0, 999))


def pct(rng):
    return "%d,%d" % (rng.randint(3, 12), rng.randint(0, 9))


# --------------------------------------------------------------------------
# The world: provinces, posts and their holders over time


class Person:
    __slots__ = ("name", "female", "born", "home")

    def __init__(self, rng, home, born=None):  # home: a Province or None
        self.female = rng.random() < 0.22
        sur = rng.choice(SURNAMES)
        if self.female:
            self.name = "%s %s %s" % (sur, rng.choice(MIDDLE_F), rng.choice(GIVEN_F))
        else:
            self.name = "%s %s %s" % (sur, rng.choice(MIDDLE_M), rng.choice(GIVEN_M))
        self.born = born or rng.randint(1960, 1990)
        self.home = home

    @property
    def hon(self):
        return "bà" if self.female else "ông"


class Province:
    def __init__(self, row, lo, hi, city):
        self.name = row["surface"]
        self.lo, self.hi = lo, hi
        self.city = city
        self.towns = []
        self.posts = []          # Post objects of this province
        self.by_key = {}         # post key -> list of Posts (slots)
        self.hdnd_base = 0       # khóa of the 2016-2021 council
        self.party_base = 0      # congress number of 2015-2020

    def full(self):
        """The place with its unit word: tỉnh Long An, thành phố Hà Nội, Thành phố Hồ Chí Minh."""
        if self.name.startswith("Thành phố") or self.name.startswith("TP"):
            return self.name
        return ("thành phố " if self.city else "tỉnh ") + self.name

    def unit(self):
        return "thành phố" if self.city else "tỉnh"

    def party(self):
        return "Thành ủy" if self.city else "Tỉnh ủy"

    def youth(self):
        return "Thành đoàn" if self.city else "Tỉnh đoàn"


class Post:
    """One slot of a post: its words and the chain of holders."""
    __slots__ = ("key", "title", "body", "forms", "prov", "lo", "hi", "starts", "tenures")

    def __init__(self, key, title, body, forms, prov, lo, hi):
        self.key, self.title, self.body, self.forms = key, title, body, forms
        self.prov, self.lo, self.hi = prov, lo, hi
        self.starts, self.tenures = [], []

    def fill(self, rng):
        t = self.lo if self.lo > FIRST_DAY - 3000 else FIRST_DAY - rng.randint(0, 2200)
        while t <= min(self.hi, LAST_DAY):
            length = rng.randint(500, 2300)
            end = min(t + length - 1, self.hi)
            home = self.prov if self.prov and rng.random() < 0.8 else None
            self.starts.append(t)
            self.tenures.append((t, end, Person(rng, home, dt.date.fromordinal(t).year - rng.randint(40, 56))))
            t = end + 1 + (rng.randint(0, 40) if rng.random() < 0.3 else 0)

    def at(self, day):
        """(start, end, person) of the tenure covering day, or None."""
        i = bisect.bisect_right(self.starts, day) - 1
        if i < 0:
            return None
        t = self.tenures[i]
        return t if t[1] >= day else None

    def before(self, day):
        """The last tenure that ended before day."""
        i = bisect.bisect_right(self.starts, day) - 1
        while i >= 0:
            t = self.tenures[i]
            if t[1] < day:
                return t
            i -= 1
        return None

    def words(self, rng, with_place=True, full_body=False):
        body = self.forms[0] if full_body or rng.random() < 0.75 else rng.choice(self.forms)
        s = "%s %s" % (self.title, body) if body else self.title
        if self.prov and with_place:
            if body.endswith(("Tỉnh ủy", "Thành ủy", "Tỉnh đoàn", "Thành đoàn")):
                s += " " + self.prov.name
            else:
                s += " " + self.prov.full()
        return s


# (key, title, body surface, slots): the posts of every province (@party: Tỉnh ủy or
# Thành ủy). Titles and bodies are looked up in the gazetteer, the bodies with their
# variant spellings (UBND / Ủy ban nhân dân) and the dates they existed.
LOCAL_POSTS = [
    ("bt", "Bí thư", "@party", 1),
    ("pbttt", "Phó Bí thư Thường trực", "@party", 1),
    ("pbt", "Phó Bí thư", "@party", 1),
    ("ctub", "Chủ tịch", "UBND", 1),
    ("pctub", "Phó Chủ tịch", "UBND", 3),
    ("cthd", "Chủ tịch", "HĐND", 1),
    ("pcthd", "Phó Chủ tịch", "HĐND", 2),
    ("tdbqh", "Trưởng đoàn", "Đoàn ĐBQH", 1),
    ("ptdbqh", "Phó Trưởng đoàn chuyên trách", "Đoàn ĐBQH", 1),
    ("mttq", "Chủ tịch", "Ủy ban MTTQ", 1),
    ("tdoan", "Bí thư", "@youth", 1),
    ("ca", "Giám đốc", "Công an", 1),
    ("qs", "Chỉ huy trưởng", "Bộ Chỉ huy Quân sự", 1),
    ("ta", "Chánh án", "TAND", 1),
    ("vks", "Viện trưởng", "VKSND", 1),
    ("tctu", "Trưởng", "Ban Tổ chức @party", 1),
    ("ubkt", "Chủ nhiệm", "Ủy ban Kiểm tra @party", 1),
    ("nd", "Chủ tịch", "Hội Nông dân", 1),
    ("pn", "Chủ tịch", "Hội Liên hiệp Phụ nữ", 1),
    ("ld", "Chủ tịch", "Liên đoàn Lao động", 1),
    ("ccb", "Chủ tịch", "Hội Cựu chiến binh", 1),
]
SO_POSTS = ["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Công Thương", "Sở Xây dựng", "Sở Y tế",
            "Sở Giáo dục và Đào tạo", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch",
            "Sở Nông nghiệp và Môi trường", "Sở Kế hoạch và Đầu tư", "Sở Nông nghiệp và Phát triển nông thôn",
            "Sở Tài nguyên và Môi trường", "Sở Giao thông vận tải", "Sở Lao động - Thương binh và Xã hội",
            "Sở Thông tin và Truyền thông", "Sở Ngoại vụ", "Sở Dân tộc và Tôn giáo"]
CENTRAL_ALONE = [("ttg", "Thủ tướng", 1), ("pttg", "Phó Thủ tướng", 4), ("ctn", "Chủ tịch nước", 1),
                 ("ctqh", "Chủ tịch Quốc hội", 1), ("pctqh", "Phó Chủ tịch Quốc hội", 3),
                 ("tbt", "Tổng Bí thư", 1), ("ttbbt", "Thường trực Ban Bí thư", 1)]
CENTRAL_BODY = [("Trưởng ban", "Ban Tổ chức Trung ương"), ("Chủ nhiệm", "Ủy ban Kiểm tra Trung ương"),
                ("Trưởng ban", "Ban Nội chính Trung ương"), ("Trưởng ban", "Ban Tuyên giáo Trung ương"),
                ("Trưởng ban", "Ban Tuyên giáo và Dân vận Trung ương"), ("Trưởng ban", "Ban Kinh tế Trung ương"),
                ("Chánh Văn phòng", "Văn phòng Chính phủ"), ("Tổng Thanh tra", "Thanh tra Chính phủ"),
                ("Thống đốc", "Ngân hàng Nhà nước Việt Nam"), ("Chủ tịch", "Ủy ban Trung ương MTTQ Việt Nam"),
                ("Chủ tịch", "Tổng Liên đoàn Lao động Việt Nam"), ("Chủ tịch", "Hội Nông dân Việt Nam"),
                ("Chủ tịch", "Hội Liên hiệp Phụ nữ Việt Nam"), ("Bí thư thứ nhất", "Trung ương Đoàn"),
                ("Chủ nhiệm", "Ủy ban Tài chính, Ngân sách"), ("Chủ nhiệm", "Ủy ban Kinh tế và Tài chính"),
                ("Chủ nhiệm", "Ủy ban Pháp luật"), ("Chủ nhiệm", "Ủy ban Pháp luật và Tư pháp"),
                ("Tổng Kiểm toán", "Kiểm toán Nhà nước")]
BODY_CLASSES = ("BODY", "BODY_AREA", "BODY_LOCAL", "SUBBODY")


class World:
    def __init__(self, gz, seed):
        rng = random.Random("world:%d" % seed)
        self.gz = gz
        self.provinces = []
        city_from = re.compile(r"centrally-run city from (\d{4}-\d{2}-\d{2})")
        by_name = {}
        for r in gz.rows:
            if r["class"] != "PLACE":
                continue
            note = r["note"]
            if (note.startswith("province") or note.startswith("centrally-run city")) and not r["foreign"]:
                lo, hi = gz.span(r)
                m = city_from.match(note)
                if m:
                    lo = as_day(m.group(1), False)
                p = Province(r, lo, hi, note.startswith("centrally-run city"))
                self.provinces.append(p)
                by_name[p.name] = p
        town_re = re.compile(r"(?:provincial city|town \(thị xã\)(?: or city)?) of ([^;(]+?)\s*(?:[;(]|$)")
        for r in gz.rows:
            m = town_re.match(r["note"]) if r["class"] == "PLACE" else None
            if m and m.group(1) in by_name:
                by_name[m.group(1)].towns.append(r["surface"])
        self.countries = [r["surface"] for r in gz.rows if r["class"] == "PLACE" and r["note"] == "country"
                          and r["surface"] != "Việt Nam"]
        self.ministries = [r for r in gz.rows
                           if r["class"] == "BODY" and r["surface"] == r["canonical"]
                           and re.match(r"Bộ [A-ZĐ]", r["surface"])
                           and not re.match(r"Bộ (Chính trị|Tư lệnh|Tổng)", r["surface"])]
        self.posts = []
        for p in self.provinces:
            self._local(gz, rng, p)
        self.central = []
        for key, title, n in CENTRAL_ALONE:
            gz.find(title, ("TITLE_ALONE",))
            for _ in range(n):
                self.central.append(self._post(rng, key, title, "", [""], None, FIRST_DAY - 5000, LAST_DAY))
        for title, body in CENTRAL_BODY:
            r = gz.find(body, BODY_CLASSES)
            lo, hi = gz.span(r)
            self.central.append(self._post(rng, "c", title, body, gz.forms(r), None, lo, hi))
        for r in self.ministries:
            lo, hi = gz.span(r)
            self.central.append(self._post(rng, "bo", "Bộ trưởng", r["surface"], gz.forms(r), None, lo, hi))
            for _ in range(3):
                self.central.append(self._post(rng, "tt", "Thứ trưởng", r["surface"], gz.forms(r), None, lo, hi))

    def _post(self, rng, key, title, body, forms, prov, lo, hi):
        p = Post(key, title, body, forms, prov, lo, hi)
        p.fill(rng)
        self.posts.append(p)
        return p

    def _local(self, gz, rng, prov):
        prov.hdnd_base = rng.choice((9, 10, 10, 11)) if not prov.city else rng.choice((14, 15, 16))
        prov.party_base = rng.choice((18, 19, 20, 21)) if not prov.city else rng.choice((14, 15, 16, 17))
        items = list(LOCAL_POSTS) + [("so", "Giám đốc", s, 1) for s in SO_POSTS]
        for key, title, body, n in items:
            body = body.replace("@party", prov.party()).replace("@youth", prov.youth())
            if body.startswith("Ban Tổ chức ") or body.startswith("Ủy ban Kiểm tra "):
                head, parent = body.rsplit(" ", 2)[0], body.rsplit(" ", 2)[1] + " " + body.rsplit(" ", 2)[2]
                gz.find(head, BODY_CLASSES)
                forms = [body]
                lo, hi = gz.span(gz.find(parent, BODY_CLASSES))
            else:
                r = gz.find(body, BODY_CLASSES)
                forms = gz.forms(r)
                lo, hi = gz.span(r)
            gz.find(title, ("TITLE", "TITLE_ALONE"))
            lo, hi = max(lo, prov.lo), min(hi, prov.hi)
            if lo > hi:
                continue
            slots = []
            for _ in range(n):
                slots.append(self._post(rng, key, title, body, forms, prov, lo, hi))
            prov.posts += slots
            prov.by_key.setdefault(key, []).extend(slots)

    def provinces_on(self, day):
        return [p for p in self.provinces if p.lo <= day <= p.hi]


# --------------------------------------------------------------------------
# Articles


class Article:
    """The cast and the lazily filled fields of one article."""

    def __init__(self, world, rng, day, prov):
        self.w, self.rng, self.day, self.prov = world, rng, day, prov
        self.mentioned = set()

    # people --------------------------------------------------------------
    def holder(self, post, day=None):
        t = post.at(self.day if day is None else day)
        return t[2] if t else None

    def local(self, key):
        slots = [s for s in self.prov.by_key.get(key, ()) if s.at(self.day)]
        return self.rng.choice(slots) if slots else None

    def central_post(self):
        for _ in range(20):
            p = self.rng.choice(self.w.central)
            if p.at(self.day):
                return p
        return None

    def say(self, post, style=None, place=True):
        """A person with their post, in one of the ways the press writes it."""
        rng = self.rng
        h = self.holder(post)
        if h is None:
            return self.ordinary()
        first = h.name not in self.mentioned
        self.mentioned.add(h.name)
        if style is None:
            style = rng.randrange(4) if first else rng.choice((0, 3, 4, 5, 5))
        w = post.words(rng, with_place=place and (first or rng.random() < 0.3))
        if style == 0:
            return "%s %s" % (w, h.name)
        if style == 1:  # the apposition is closed by a comma; tidy() drops doubled ones
            return "%s %s, %s," % (h.hon, h.name, w)
        if style == 2:
            return "đồng chí %s, %s," % (h.name, w)
        if style == 3:
            return "%s %s %s" % (w, h.hon, h.name)
        if style == 4:
            return "%s %s" % (h.hon, h.name)
        return "%s %s" % (post.title, h.name)

    def official(self, central_share=0.15):
        rng = self.rng
        if rng.random() < central_share:
            p = self.central_post()
        else:
            p = None
            for _ in range(6):
                c = rng.choice(self.prov.posts)
                if c.at(self.day):
                    p = c
                    break
        return self.say(p) if p else self.ordinary()

    def ordinary(self):
        rng = self.rng
        per = Person(rng, self.prov)
        return "%s %s, %s %s" % (per.hon, per.name, rng.choice(OCCUPATIONS), self.locality())

    def locality(self):
        rng = self.rng
        if self.prov.towns and rng.random() < 0.5 and self.day <= dt.date(2025, 6, 30).toordinal():
            return "ở thị xã %s" % rng.choice(self.prov.towns) if rng.random() < 0.5 else "ở thành phố %s" % rng.choice(self.prov.towns)
        return "ở xã %s %s" % (rng.choice(("Tân", "Phú", "Bình", "Hòa", "Long", "Thạnh", "Đông", "Tây")),
                               rng.choice(("An", "Lợi", "Thành", "Hưng", "Phước", "Sơn", "Lập", "Hiệp")))

    def review(self):
        """What a conference of this time of year reviews."""
        d = dt.date.fromordinal(self.day)
        if 6 <= d.month <= 8:
            return "sơ kết 6 tháng đầu năm %d" % d.year
        what = self.rng.choice(("công tác", "công tác kiểm tra, giám sát", "công tác dân vận",
                                "công tác xây dựng Đảng", "công tác tổ chức xây dựng Đảng"))
        return "tổng kết %s năm %d" % (what, d.year - (d.month < 6))

    def earlier_post(self):
        """The post a newly elected or appointed person held before: a deputy post,
        which the world does not model, so that the corpus never contradicts who
        holds a modelled post."""
        rng, p = self.rng, self.prov
        sos = [s for s in p.by_key.get("so", ()) if s.lo <= self.day <= s.hi]
        k = rng.randrange(5)
        if k == 0 and sos:
            return "Phó Giám đốc %s %s" % (rng.choice(sos).forms[0], p.full())
        if k == 1:
            return "Phó Giám đốc Công an %s" % p.full()
        what = ("Phó Trưởng Ban Tổ chức", "Phó Chủ nhiệm Ủy ban Kiểm tra", "Phó Chánh Văn phòng")[k % 3]
        return "%s %s %s" % (what, p.party(), p.name)

    def event_day(self):
        return self.day - self.rng.choice((0, 0, 0, 1, 1, 2))

    def when(self):
        rng = self.rng
        e = self.event_day()
        return rng.choice(("Sáng %s" % dm(e), "Chiều %s" % dm(e), "Ngày %s" % dm(e), "Sáng ngày %s" % dm(e),
                           "Chiều ngày %s" % dm(e), "Ngày %s" % dmy(e), "Tối %s" % dm(e)))

    def hdnd_term(self, day=None):
        """(khóa, first year, last year) of the provincial council on day."""
        y = dt.date.fromordinal(self.day if day is None else day)
        y, m = y.year, y.month
        start = 2016 if (y, m) < (2021, 6) else 2021 if (y, m) < (2026, 6) else 2026
        if (y, m) < (2016, 6):
            start = 2011
        return roman(self.prov.hdnd_base + (start - 2016) // 5), start, start + 5

    def party_term(self):
        d = dt.date.fromordinal(self.day)
        start = 2015 if (d.year, d.month) < (2020, 10) else 2020 if (d.year, d.month) < (2025, 10) else 2025
        if (d.year, d.month) < (2015, 10):
            start = 2010
        return self.prov.party_base + (start - 2015) // 5, start, start + 5

    def session(self):
        khoa, a, _ = self.hdnd_term()
        months = (dt.date.fromordinal(self.day).year - a) * 12 + dt.date.fromordinal(self.day).month - 6
        return khoa, max(1, months // 3 + 1)


class Fields(dict):
    """A format_map mapping that fills a field the first time a template asks for it."""

    def __init__(self, art, parent=None):
        super().__init__()
        self.a, self.parent = art, parent

    def __missing__(self, key):
        base = key.rstrip("0123456789")
        if self.parent is not None and base not in PER_SENTENCE:
            v = self.parent[key]  # shared by the whole article
        else:
            v = FIELD[base](self.a, self.a.rng)
        self[key] = v
        return v

    def child(self):
        """Fields for one sentence: people and figures drawn afresh, the rest shared."""
        return Fields(self.a, self)


def _post_say(key, fallback=True):
    def f(a, rng):
        p = a.local(key)
        return a.say(p) if p else a.official()
    return f


def _post_long(key):
    def f(a, rng):
        p = a.local(key)
        return a.say(p, style=rng.choice((0, 1, 2))) if p else a.official()
    return f


FIELD = {
    "P": lambda a, rng: a.official(),
    "PC": lambda a, rng: a.say(a.central_post(), style=rng.choice((0, 1, 2))) if a.central_post() else a.official(),
    "BT": _post_say("bt"),
    "CT": _post_say("ctub"),
    "PCT": _post_say("pctub"),
    "HD": _post_say("cthd"),
    "DB": _post_long("tdbqh"),
    "MT": _post_say("mttq"),
    "SO": _post_long("so"),
    "CA": _post_long("ca"),
    "N": lambda a, rng: a.ordinary(),
    "tinh": lambda a, rng: a.prov.full(),
    "Tinh": lambda a, rng: a.prov.full()[0].upper() + a.prov.full()[1:],
    "ten": lambda a, rng: a.prov.name,
    "don_vi": lambda a, rng: a.prov.unit(),
    "tu": lambda a, rng: a.prov.party(),
    "ubnd": lambda a, rng: rng.choice(("UBND", "UBND", "Ủy ban nhân dân")) + " " + a.prov.full(),
    "hdnd": lambda a, rng: rng.choice(("HĐND", "HĐND", "Hội đồng nhân dân")) + " " + a.prov.full(),
    "khi": lambda a, rng: a.when(),
    "ngay": lambda a, rng: dmy(a.event_day()),
    "nam": lambda a, rng: str(year(a.day)),
    "nam_truoc": lambda a, rng: str(year(a.day) - 1),
    "tien": lambda a, rng: money(rng),
    "pt": lambda a, rng: pct(rng),
    "k": lambda a, rng: str(rng.randint(12, 48)),
    "m": lambda a, rng: str(rng.randint(5, 95)),
    "so_nq": lambda a, rng: str(rng.randint(8, 36)),
    "nuoc": lambda a, rng: rng.choice(a.w.countries),
    "noi": lambda a, rng: a.locality(),
    "bo": lambda a, rng: rng.choice([r["surface"] for r in a.w.ministries if a.w.gz.span(r)[0] <= a.day <= a.w.gz.span(r)[1]]),
    "hang": lambda a, rng: rng.choice(("Nhất", "Nhì", "Ba", "Ba", "Ba")),
    "cong_trinh": lambda a, rng: rng.choice(("tuyến đường ven biển", "cầu vượt sông", "bệnh viện đa khoa tỉnh",
                                             "khu tái định cư", "trường trung học phổ thông chuyên", "hồ chứa nước",
                                             "cao tốc đoạn qua địa bàn", "khu công nghiệp phía bắc")),
    "linh_vuc": lambda a, rng: rng.choice(("chuyển đổi số", "cải cách hành chính", "xây dựng nông thôn mới",
                                           "giảm nghèo bền vững", "thu hút đầu tư", "phát triển du lịch",
                                           "phòng, chống tham nhũng", "bảo vệ môi trường", "giáo dục, đào tạo",
                                           "chăm sóc sức khỏe nhân dân")),
    "chu_de": lambda a, rng: a.review(),
    "quote": lambda a, rng: rng.choice(QUOTES),
}

QUOTES = [
    "Mỗi cán bộ phải nói đi đôi với làm, lấy kết quả phục vụ người dân làm thước đo",
    "Không để dự án nào chậm tiến độ vì khâu giải phóng mặt bằng",
    "Việc gì có lợi cho dân thì phải dốc sức làm cho bằng được",
    "Chúng ta cần đổi mới mạnh mẽ cách làm, tránh hình thức, phô trương",
    "Cải cách thủ tục hành chính phải thực chất, đo được bằng sự hài lòng của doanh nghiệp",
    "Mọi chính sách chỉ có ý nghĩa khi đến được với người dân vùng sâu, vùng xa",
]

# Lead paragraphs, one list of sentences per kind of article (a tuple: one of its
# alternatives); {X} fields are filled by FIELD.
LEADS = {
    "conf": [
        ("{khi}, Ban Thường vụ {tu} {ten} tổ chức hội nghị {chu_de}, triển khai nhiệm vụ trong thời gian tới.",
         "{khi}, {ubnd} tổ chức Hội nghị {chu_de} và bàn giải pháp thực hiện các chỉ tiêu kinh tế - xã hội năm {nam}."),
        "{BT} chủ trì hội nghị. Cùng dự có {CT} và lãnh đạo các sở, ngành, địa phương trong {don_vi}.",
    ],
    "session": [
        ("{khi}, HĐND {tinh} khóa {khoa}, nhiệm kỳ {nk} khai mạc Kỳ họp thứ {ky}.",
         "Kỳ họp thứ {ky}, HĐND {tinh} khóa {khoa} đã bế mạc sau {k} ngày làm việc khẩn trương, nghiêm túc."),
        "{HD} chủ trì, điều hành kỳ họp. Dự kỳ họp có {BT} và {DB}.",
    ],
    "elect": [
        "{khi}, HĐND {tinh} khóa {khoa} tổ chức kỳ họp chuyên đề để kiện toàn chức danh lãnh đạo chủ chốt của {don_vi}.",
        "Tại kỳ họp, với {pt_tin}% tổng số đại biểu tán thành, {hon} {ten_nguoi} đã được bầu giữ chức {chuc_vu}, nhiệm kỳ {nk}.",
    ],
    "appoint": [
        "{khi}, {ubnd} tổ chức lễ công bố và trao quyết định về công tác cán bộ.",
        "Theo quyết định, {hon} {ten_nguoi}, {chuc_cu}, được bổ nhiệm giữ chức {chuc_vu}, thời hạn bổ nhiệm 5 năm kể từ ngày {ngay_bn}.",
    ],
    "visit": [
        "{khi}, đoàn công tác Trung ương do {PC} làm trưởng đoàn đã đến thăm và làm việc tại {tinh}.",
        "Tiếp và làm việc với đoàn có {BT}, {CT} cùng lãnh đạo các sở, ngành liên quan.",
    ],
    "award": [
        "{khi}, {tinh} long trọng tổ chức lễ kỷ niệm ngày truyền thống và đón nhận Huân chương Lao động hạng {hang}.",
        "Thừa ủy quyền của Chủ tịch nước, {PC} đã trao Huân chương Lao động hạng {hang} cho tập thể cán bộ, nhân dân {tinh}.",
    ],
    "retire": [
        "{khi}, Ban Thường vụ {tu} {ten} tổ chức hội nghị công bố quyết định nghỉ hưu đối với cán bộ diện Ban Thường vụ quản lý.",
        "Theo đó, {hon} {ten_nguoi}, nguyên {chuc_vu}, được nghỉ hưu theo chế độ từ ngày {ngay_nghi}.",
    ],
    "bch": [
        "{khi}, Ban Chấp hành Đảng bộ {tinh} khóa {dh} tổ chức hội nghị để kiện toàn công tác cán bộ theo quyết định của Bộ Chính trị.",
        "Hội nghị đã tiến hành bầu bổ sung; {hon} {ten_nguoi} được bầu giữ chức {chuc_vu}, nhiệm kỳ {nk_dang}.",
    ],
    "congress": [
        "{khi}, Đại hội đại biểu Đảng bộ {tinh} lần thứ {dh}, nhiệm kỳ {nk_dang} long trọng khai mạc với sự tham dự của {dai_bieu} đại biểu.",
        "Đại hội đã bầu Ban Chấp hành Đảng bộ {don_vi} khóa mới gồm {k} đồng chí; {hon} {ten_nguoi} được bầu giữ chức {chuc_vu}, nhiệm kỳ {nk_dang}.",
    ],
    "voters": [
        "{khi}, {DB} và các đại biểu trong đoàn đã tiếp xúc cử tri {noi} trước kỳ họp Quốc hội.",
        "Cử tri bày tỏ phấn khởi trước kết quả phát triển kinh tế - xã hội của địa phương, đồng thời kiến nghị nhiều vấn đề về {linh_vuc}.",
    ],
    "foreign": [
        "{khi}, tại trụ sở {tu} {ten}, {BT} đã tiếp đoàn đại biểu cấp cao của {nuoc} đang thăm và làm việc tại địa phương.",
        "Hai bên trao đổi về kết quả hợp tác thời gian qua và thống nhất thúc đẩy quan hệ trong lĩnh vực {linh_vuc}, thương mại, giáo dục.",
    ],
}

TITLES = {
    "conf": ["{Ten} {chu_de}, đặt mục tiêu tăng trưởng {pt}%",
             "Ban Thường vụ {tu} {ten} bàn nhiệm vụ trọng tâm năm {nam}"],
    "session": ["Khai mạc Kỳ họp thứ {ky}, HĐND {tinh} khóa {khoa}",
                "HĐND {tinh} thông qua {so_nq} nghị quyết quan trọng"],
    "elect": ["{Hon} {ten_nguoi} được bầu giữ chức {chuc_vu}",
              "Kiện toàn chức danh lãnh đạo chủ chốt {tinh}"],
    "appoint": ["Bổ nhiệm {chuc_vu}", "{Ten} trao quyết định bổ nhiệm cán bộ lãnh đạo"],
    "visit": ["Đoàn công tác Trung ương làm việc tại {ten}", "{Ten} đề xuất tháo gỡ vướng mắc về {linh_vuc}"],
    "award": ["{Ten} đón nhận Huân chương Lao động hạng {hang}", "Tôn vinh tập thể, cá nhân tiêu biểu của {ten}"],
    "retire": ["{Ten} công bố quyết định nghỉ hưu đối với cán bộ lãnh đạo",
               "Nguyên {chuc_vu} nghỉ hưu theo chế độ"],
    "bch": ["{Hon} {ten_nguoi} giữ chức {chuc_vu}", "Kiện toàn chức danh {chuc_vu}"],
    "congress": ["Khai mạc Đại hội đại biểu Đảng bộ {tinh} lần thứ {dh}",
                 "{Hon} {ten_nguoi} được bầu làm {chuc_vu}"],
    "voters": ["Cử tri {ten} kiến nghị về {linh_vuc}", "Đoàn ĐBQH {tinh} tiếp xúc cử tri"],
    "foreign": ["{Ten} tăng cường hợp tác với {nuoc}", "Lãnh đạo {ten} tiếp đoàn đại biểu {nuoc}"],
}

# Body sentences: general ones, usable in any article, and kind-specific ones.
BODY = [
    "Phát biểu tại hội nghị, {P} đánh giá cao những kết quả {tinh} đạt được, đặc biệt là tốc độ tăng trưởng tổng sản phẩm trên địa bàn đạt {pt}%.",
    "Theo báo cáo, tổng thu ngân sách nhà nước trên địa bàn ước đạt {tien} tỷ đồng, vượt {m}% dự toán được giao.",
    "{P} yêu cầu các sở, ngành, địa phương tập trung tháo gỡ khó khăn trong giải phóng mặt bằng các dự án trọng điểm.",
    "Cùng dự có {P}; {P2}.",
    "Các đại biểu đã thảo luận sôi nổi, làm rõ nguyên nhân của những hạn chế và đề xuất nhiều giải pháp về {linh_vuc}.",
    "Kết luận hội nghị, {P} nhấn mạnh năm {nam} có ý nghĩa đặc biệt quan trọng, đề nghị cả hệ thống chính trị vào cuộc quyết liệt hơn.",
    "Dịp này, {CT} đã trao Bằng khen của UBND {don_vi} cho {k} tập thể và {m} cá nhân có thành tích xuất sắc.",
    "{N} được tặng Giấy khen vì có nhiều đóng góp cho phong trào thi đua ở cơ sở.",
    "Trước đó, {P} đã đi kiểm tra tiến độ thi công {cong_trinh} và động viên lực lượng thi công trên công trường.",
    "Báo cáo tại buổi làm việc, {SO} cho biết toàn ngành đã hoàn thành {m}% kế hoạch năm.",
    "“{quote}”, {P} nói.",
    "Theo {SO}, trong năm qua {tinh} đã thu hút {k} dự án đầu tư mới với tổng vốn đăng ký hơn {tien} tỷ đồng.",
    "{CA} cho biết tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn cơ bản ổn định.",
    "Thay mặt lãnh đạo {don_vi}, {BT} chúc mừng những thành tích mà các tập thể, cá nhân đạt được.",
    "Ghi nhận ý kiến của các đại biểu, {PCT} khẳng định UBND {don_vi} sẽ chỉ đạo rà soát, giải quyết dứt điểm các kiến nghị.",
    "{MT} đề nghị các cấp Mặt trận tiếp tục phát huy vai trò giám sát và phản biện xã hội.",
    "Đến nay, {tinh} có {k} xã đạt chuẩn nông thôn mới nâng cao, thu nhập bình quân đầu người đạt {m} triệu đồng/năm.",
    "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình đạt {pt}%, tăng so với cùng kỳ.",
    "Cũng tại buổi làm việc, {P} đề nghị Trung ương quan tâm bố trí vốn cho {cong_trinh}.",
    "{PCT} đã trực tiếp trả lời, làm rõ những vấn đề cử tri quan tâm về {linh_vuc}.",
    "Với tinh thần đổi mới, {hdnd} đã quyết định nhiều chủ trương lớn, tạo động lực cho phát triển.",
    "Nhân dịp này, {P} trao quà cho các gia đình chính sách, hộ nghèo {noi}.",
    "Thời gian tới, {ubnd} tiếp tục tập trung vào {linh_vuc} và phát triển hạ tầng giao thông kết nối vùng.",
    "Được biết, {BT} đã có buổi làm việc với Ban Thường vụ {tu} về công tác chuẩn bị nhân sự.",
]
SPECIFIC = {
    "session": [
        "Tại kỳ họp, các đại biểu xem xét {k} báo cáo, {so_nq} tờ trình và dự thảo nghị quyết về kinh tế - xã hội, ngân sách, đầu tư công.",
        "Phiên chất vấn tập trung vào các vấn đề {linh_vuc}; {PCT} và {SO} đã trực tiếp trả lời chất vấn.",
        "Phát biểu bế mạc kỳ họp, {HD} đề nghị UBND {don_vi} khẩn trương cụ thể hóa các nghị quyết vừa được thông qua.",
    ],
    "elect": [
        "Trước khi được bầu, {hon} {ten_nguoi} là {chuc_cu}.",
        "{Hon} {ten_nguoi} sinh năm {sinh}, quê quán {que}, có trình độ thạc sĩ quản lý kinh tế, cao cấp lý luận chính trị.",
        "Kỳ họp cũng miễn nhiệm chức danh {chuc_vu} đối với {hon_cu} {ten_cu} do nghỉ hưu theo chế độ.",
        "Phát biểu nhận nhiệm vụ, {hon} {ten_nguoi} cảm ơn sự tín nhiệm của các đại biểu và cam kết cùng tập thể lãnh đạo hoàn thành các chỉ tiêu đã đề ra.",
    ],
    "appoint": [
        "{CT} trao quyết định và tặng hoa chúc mừng {hon} {ten_nguoi}.",
        "{Hon} {ten_nguoi} sinh năm {sinh}, quê quán {que}; trước đó {hon} là {chuc_cu}.",
        "Phát biểu giao nhiệm vụ, {CT} đề nghị tân {chuc_vu} phát huy tinh thần đoàn kết, đổi mới sáng tạo.",
        "Cùng ngày, {hon_cu} {ten_cu}, nguyên {chuc_vu}, đã bàn giao công việc cho người kế nhiệm.",
    ],
    "retire": [
        "Thay mặt Ban Thường vụ {tu}, {BT} ghi nhận những đóng góp của {hon} {ten_nguoi} trong suốt quá trình công tác.",
        "Trong hơn 35 năm công tác, {hon} {ten_nguoi} đã trải qua nhiều cương vị và luôn hoàn thành tốt nhiệm vụ được giao.",
        "Người kế nhiệm là {hon_moi} {ten_moi}, được bổ nhiệm giữ chức {chuc_vu} từ ngày {ngay_moi}.",
    ],
    "bch": [
        "Phát biểu nhận nhiệm vụ, {hon} {ten_nguoi} hứa sẽ cùng tập thể Ban Thường vụ {tu} lãnh đạo thực hiện thắng lợi nghị quyết đại hội.",
        "Trước đó, {hon} {ten_nguoi} là {chuc_cu}.",
    ],
    "congress": [
        "Đại hội đã thảo luận, thông qua báo cáo chính trị với {k} chỉ tiêu chủ yếu cho nhiệm kỳ {nk_dang}.",
        "Phát biểu chỉ đạo đại hội, {PC} đề nghị Đảng bộ {don_vi} tập trung xây dựng Đảng trong sạch, vững mạnh.",
        "Đại hội cũng bầu {so_nq} đại biểu chính thức đi dự Đại hội đại biểu toàn quốc của Đảng.",
    ],
    "award": [
        "Dịp này, {PC} trao tặng Huân chương Lao động hạng {hang} cho {N}.",
        "{CT} trao Bằng khen của Thủ tướng Chính phủ cho {k} tập thể và cá nhân.",
        "{BT} tặng Bằng khen cho {N}.",
    ],
    "voters": [
        "Trả lời cử tri, {DB} cho biết các ý kiến sẽ được tổng hợp, gửi đến Quốc hội và các bộ, ngành.",
        "Nhiều cử tri kiến nghị {bo} sớm ban hành hướng dẫn để địa phương triển khai thuận lợi.",
    ],
    "visit": [
        "Phát biểu kết luận, {PC} đề nghị {tinh} phát huy lợi thế về {linh_vuc} và làm tốt công tác cán bộ.",
        "Đoàn đã đến dâng hương tại Nhà tưởng niệm và thăm mô hình sản xuất {noi}.",
    ],
    "foreign": [
        "{CT} mong muốn các doanh nghiệp {nuoc} tiếp tục mở rộng đầu tư vào {tinh}.",
        "Dịp này, hai bên đã ký biên bản ghi nhớ hợp tác giai đoạn {nam} - {nam_sau}.",
    ],
    "conf": [
        "Năm {nam_truoc}, toàn Đảng bộ kết nạp được {k} đảng viên mới, kiểm tra {m} tổ chức đảng và đảng viên.",
        "Ủy ban Kiểm tra {tu} {ten} đã thi hành kỷ luật {m} đảng viên vi phạm, trong đó có cán bộ diện Ban Thường vụ quản lý.",
    ],
}

BYLINES = ["{a}", "{a} - {b}", "Bài và ảnh: {a}", "{c}", "{a} (TTXVN)", "Nhóm phóng viên", "{c} - {a}"]
KINDS = ["conf", "conf", "session", "elect", "appoint", "visit", "award", "retire", "congress", "voters", "foreign"]
POSTS_TO_FILL = ["bt", "pbt", "ctub", "pctub", "pctub", "cthd", "pcthd", "mttq", "so", "so", "so",
                 "ca", "ta", "vks", "tdoan", "nd", "pn", "ld", "tctu", "ubkt", "qs", "ccb"]


def tidy(s):
    """Capitalise the sentence and drop the commas an apposition doubled."""
    if ",," in s or ",." in s or ",;" in s or ",”" in s:
        s = s.replace(",,", ",").replace(",.", ".").replace(",;", ";").replace(",”", "”")
    return s[0].upper() + s[1:] if s[0].islower() else s


def make_article(world, seed, index):
    rng = random.Random(seed * 1000003 + index)
    kind = rng.choice(KINDS)
    day = rng.randint(FIRST_DAY, LAST_DAY)
    provs = world.provinces_on(day)
    prov = rng.choice(provs)
    art = Article(world, rng, day, prov)
    fields = Fields(art)
    khoa, ky = art.session()
    _, a, b = art.hdnd_term()
    dh, pa, pb = art.party_term()
    fields.update(khoa=khoa, ky=str(ky), nk="%d - %d" % (a, b), dh=roman(dh), nk_dang="%d - %d" % (pa, pb),
                  Ten=prov.name, dai_bieu=str(rng.randint(300, 450)), nam_sau=str(year(day) + 5),
                  pt_tin="%d,%02d" % (rng.randint(90, 100), rng.randint(0, 99)))
    if kind in ("elect", "appoint", "retire", "congress"):
        key = {"elect": rng.choice(("ctub", "cthd", "pctub", "pcthd")),
               "appoint": "so", "congress": "bt"}.get(kind) or rng.choice(("so", "ctub", "pctub", "ca", "ta"))
        slots = prov.by_key.get(key) or prov.by_key["ctub"]
        post = rng.choice(slots)
        # the article speaks of a change of holder: move its date just after one
        changes = [t for t in post.tenures[1:] if FIRST_DAY <= t[0] <= min(LAST_DAY, prov.hi) - 3]
        if changes:
            new = rng.choice(changes)
            day = new[0] + rng.randint(0, 3)
            art.day = day
            khoa, ky = art.session()
            _, a, b = art.hdnd_term()
            dh, pa, pb = art.party_term()
            fields.update(khoa=khoa, ky=str(ky), nk="%d - %d" % (a, b), dh=roman(dh),
                          nk_dang="%d - %d" % (pa, pb), nam_sau=str(year(day) + 5))
            old = post.before(new[0])
            per = new[2] if kind != "retire" else (old[2] if old else new[2])
            art.mentioned.add(per.name)
            fields.update(hon=per.hon, Hon=per.hon.capitalize(), ten_nguoi=per.name,
                          chuc_vu=post.words(rng, full_body=True), sinh=str(per.born),
                          que=(per.home or rng.choice(world.provinces)).full(),
                          ngay_bn=dmy(new[0]), ngay_nghi=dmy(old[1] + 1 if old else new[0]),
                          ngay_moi=dmy(new[0]))
            fields["chuc_cu"] = art.earlier_post()
            if old:
                fields.update(hon_cu=old[2].hon, ten_cu=old[2].name)
            else:
                kind = "conf"
            dd = dt.date.fromordinal(day)
            if kind == "congress" and not (dd.year % 5 == 0 and 9 <= dd.month <= 11):
                kind = "bch"
            if kind == "retire":
                fields.update(hon_moi=new[2].hon, ten_moi=new[2].name)
        else:
            kind = "conf"
    fields["tinh"] = prov.full()
    # title, dateline, paragraphs, byline
    title = rng.choice(TITLES[kind]).format_map(fields)
    hh, mi = rng.randint(6, 22), rng.choice((0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55))
    d = dt.date.fromordinal(day)
    dateline = "%s, %02d/%02d/%d | %02d:%02d" % (WEEKDAYS[d.weekday()], d.day, d.month, d.year, hh, mi)
    paras = [" ".join(tidy((rng.choice(s) if isinstance(s, tuple) else s).format_map(fields))
                      for s in LEADS[kind])]
    pool = SPECIFIC.get(kind, []) + BODY
    n = rng.randint(3, 9)
    order = rng.sample(range(len(pool)), min(len(pool), n * 2))
    spec = list(range(len(SPECIFIC.get(kind, []))))
    order = spec + [i for i in order if i not in spec]
    j = 0
    for _ in range(n):
        k = rng.randint(1, 3)
        sents = []
        for _ in range(k):
            if j >= len(order):
                break
            sents.append(tidy(pool[order[j]].format_map(fields.child())))
            j += 1
        if sents:
            paras.append(" ".join(sents))
    byline = rng.choice(BYLINES).format(a=rng.choice(PEN_NAMES), b=rng.choice(PEN_NAMES),
                                        c=Person(rng, None).name)
    text = "%s\n\n%s\n\n%s\n\n%s\n" % (title, dateline, "\n\n".join(paras), byline)
    return text, d.isoformat()


PER_SENTENCE = {"P", "N", "SO", "PCT", "khi", "tien", "pt", "k", "m", "noi", "linh_vuc", "cong_trinh",
                "quote", "bo", "so_nq"}


def main():
    ap = argparse.ArgumentParser(description="Generate a synthetic Vietnamese official-news corpus.")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--articles", type=int)
    g.add_argument("--megabytes", type=float)
    ap.add_argument("--seed", type=int, default=20240101)
    ap.add_argument("--start", type=int, default=1)
    ap.add_argument("--format", nargs="+", default=["jsonl"], metavar="FORMAT [DIR]")
    ap.add_argument("--gazetteer", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                        "..", "..", "gazetteer"))
    ap.add_argument("--stats")
    o = ap.parse_args()
    fmt = o.format[0]
    if fmt == "jsonl" and len(o.format) == 1:
        outdir = None
    elif fmt == "text-dir" and len(o.format) == 2:
        outdir = o.format[1]
        os.makedirs(outdir, exist_ok=True)
    else:
        ap.error("--format jsonl | --format text-dir DIR")
    if o.articles is None and o.megabytes is None:
        o.articles = 1000
    limit_bytes = int(o.megabytes * 1e6) if o.megabytes is not None else None

    world = World(Gazetteer(o.gazetteer), o.seed)
    out = sys.stdout.buffer if outdir is None else None
    buf, nbuf = [], 0
    text_bytes = out_bytes = n = 0
    i = o.start
    try:
        while True:
            if o.articles is not None and n >= o.articles:
                break
            if limit_bytes is not None and out_bytes >= limit_bytes:
                break
            text, date = make_article(world, o.seed, i)
            ident = "a%07d" % i
            tb = text.encode("utf-8")
            text_bytes += len(tb)
            if outdir is None:
                line = (json.dumps({"id": ident, "text": text, "date": date}, ensure_ascii=False) + "\n").encode("utf-8")
                out_bytes += len(line)
                buf.append(line)
                nbuf += len(line)
                if nbuf > 1 << 20:
                    out.write(b"".join(buf))
                    buf, nbuf = [], 0
            else:
                with open(os.path.join(outdir, ident + ".txt"), "wb") as f:
                    f.write(tb)
                out_bytes += len(tb)
            n += 1
            i += 1
        if buf:
            out.write(b"".join(buf))
        if out:
            out.flush()
    except BrokenPipeError:
        sys.stderr.close()
        return 1
    msg = "articles %d\ntext_bytes %d\noutput_bytes %d\n" % (n, text_bytes, out_bytes)
    sys.stderr.write("gencorpus: %d articles, %d text bytes, %d output bytes\n" % (n, text_bytes, out_bytes))
    if o.stats:
        with open(o.stats, "w") as f:
            f.write(msg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
