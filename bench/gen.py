#!/usr/bin/env python3
"""Generates benchmark dossiers: XML for parkcheck and xmllint, the same facts
as JSON for json-rules-engine. Standard library only; a fixed seed, so the
same arguments always give the same files.

    gen.py OUT typical N      N typical dossiers of every kind (2-6 KB)
    gen.py OUT large N        N large ones: hundreds of zones, activities
                              and documents (100-300 KB)
    gen.py OUT scale K N      N establishment dossiers with K zones, K
                              activities and K/2 further documents each,
                              for cost against size

Each dossier is OUT/NNNNNN.xml with OUT/NNNNNN.json beside it (the CLI reads
only *.xml). The mix is what a programme's reviewers would see: mostly
establishment dossiers, some expansions, recognitions and additions to the
master plan; most complete, some short of a threshold, some missing a figure
or a document, a few with a value written the Vietnamese way ("2.000") that
the reader refuses. A header line on stdout says what was written.
"""
import json
import os
import random
import sys
from xml.sax.saxutils import escape, quoteattr

SEED = 154

PROVINCES = ["Sông Mây", "Đồng Lúa", "Hòn Mây", "Bến Đá", "Cao Nguyên", "Phú Sa",
             "Lâm Viên", "Thủy Tiên", "Ngọc Lâm", "Trà Giang"]
PARK_WORDS = ["Khu công nghệ thông tin tập trung", "Khu công viên phần mềm",
              "Trung tâm công nghệ số", "Khu đô thị công nghệ"]
CORE_TYPES = ["it-production", "rnd-training-incubation", "administration",
              "technical-infrastructure", "exhibition", "other-core"]
SERVICE_TYPES = ["eco-residential-services", "finance", "expert-housing",
                 "other-service"]
CORE_TEXT = ["Phân khu sản xuất, kinh doanh sản phẩm và dịch vụ công nghệ thông tin",
             "Phân khu nghiên cứu - phát triển, tư vấn, đào tạo, vườn ươm",
             "Phân khu văn phòng, trụ sở quản lý, điều hành",
             "Trạm điện, cấp nước, viễn thông, xử lý nước thải, phòng cháy chữa cháy",
             "Trung tâm trưng bày, hội chợ, triển lãm sản phẩm",
             "Trung tâm dữ liệu và điện toán đám mây"]
SERVICE_TEXT = ["Phân khu sinh thái và dịch vụ dân sinh", "Chi nhánh ngân hàng, dịch vụ tài chính",
                "Nhà ở chuyên gia", "Căng tin, bãi đỗ xe, cây xanh"]
FUNCTIONS = ["rnd", "production", "training", "incubation", "trade-promotion",
             "investment-promotion", "infrastructure"]
ACTIVITIES = ["infrastructure", "rnd", "software", "hardware", "training",
              "incubation-promotion", "services", "other"]
ACTIVITY_TEXT = ["Gia công phần mềm cho thị trường Nhật Bản", "Thiết kế vi mạch, thiết bị IoT",
                 "Nội dung số, trò chơi điện tử", "Trung tâm dịch vụ CNTT, vận hành hệ thống",
                 "Đào tạo lập trình viên", "Lắp ráp thiết bị mạng", "Ươm tạo doanh nghiệp khởi nghiệp"]
PRINCIPLES = ["socio-economic-plan", "land-use-plan", "construction-plan",
              "infrastructure-plan", "resources-plan", "planned-industrial-land",
              "infrastructure-capacity", "reserve-land", "investment-attraction",
              "workforce-supply", "training-rnd-links", "defence-security"]
SCHEME_TOPICS = {
    "establishment": ["necessity", "criteria-analysis", "site-conditions",
                      "development-orientation", "investment", "implementation",
                      "planning-map"],
    "expansion": ["necessity", "expansion-evidence", "site-conditions",
                  "development-orientation", "investment", "implementation",
                  "planning-map"],
    "master-plan-addition": ["necessity", "provincial-it-assessment", "existing-parks",
                             "proposed-parks", "criteria-analysis",
                             "capital-mobilisation", "planning-map"],
}
REPORT_TOPICS = ["overview", "criteria-conformity", "investment-efficiency",
                 "financial-statements", "impact-assessment", "post-recognition-plan",
                 "development-orientation"]
KINDS = (["establishment"] * 5 + ["expansion"] * 2 + ["recognition"] * 2
         + ["master-plan-addition"])


def num(x):
    """A decimal as a dossier writes it: digits and a point only."""
    s = ("%.2f" % x).rstrip("0").rstrip(".")
    return s if s else "0"


def date(rng, year0, year1):
    return "%04d-%02d-%02d" % (rng.randint(year0, year1), rng.randint(1, 12),
                               rng.randint(1, 28))


def area(rng, ha):
    """An area as (value, unit): mostly hectares, sometimes square metres."""
    if rng.random() < 0.2:
        return (num(ha * 10000), "m2")
    return (num(ha), "ha")


class Node:
    """An element: its attributes, its text and its children, in order."""

    def __init__(self, name, attrs=None, text=None, children=None):
        self.name, self.attrs = name, attrs or {}
        self.text, self.children = text, children or []

    def add(self, *kids):
        self.children.extend(k for k in kids if k is not None)
        return self

    def xml(self, out, indent):
        pad = "  " * indent
        attrs = "".join(" %s=%s" % (k, quoteattr(str(v)))
                        for k, v in self.attrs.items())
        if not self.children and self.text is None:
            out.append("%s<%s%s/>\n" % (pad, self.name, attrs))
        elif not self.children:
            out.append("%s<%s%s>%s</%s>\n" % (pad, self.name, attrs,
                                              escape(self.text), self.name))
        else:
            out.append("%s<%s%s>\n" % (pad, self.name, attrs))
            if self.text is not None:
                out.append("%s  %s\n" % (pad, escape(self.text)))
            for k in self.children:
                k.xml(out, indent + 1)
            out.append("%s</%s>\n" % (pad, self.name))


def json_number(s):
    """The same value for the peers: a number, or the string as written
    when the dossier writes it wrongly."""
    try:
        return int(s)
    except ValueError:
        pass
    try:
        if s.count(".") == 1 and s.replace(".", "").isdigit():
            return float(s)
    except ValueError:
        pass
    return s


def dossier(rng, kind, extra):
    """One dossier as (Node, dict). extra adds that many zones and
    activities and half as many documents (investment certificates)."""
    software = rng.random() < 0.3
    fate = rng.random()  # < .6 complete, < .8 near miss, < .97 incomplete, else bad value
    # A near miss falls short of one criterion only.
    miss = rng.choice(["functions", "workers", "share", "land", "core", "density",
                       "parks", "leased", "principles", "topics"]) if 0.6 <= fate < 0.8 else None
    province = "Tỉnh %s (giả định)" % rng.choice(PROVINCES)
    name = "%s %s %d (giả định)" % (rng.choice(PARK_WORDS), rng.choice(PROVINCES),
                                    rng.randint(1, 99))
    submitted = date(rng, 2019, 2025)
    year = int(submitted[:4])
    j = {"format": 1, "kind": kind, "submitted": submitted}
    root = Node("dossier", {"format": "1", "kind": kind, "submitted": submitted})

    profile = "software-only" if software else "mixed"
    status = "planned" if kind in ("establishment", "master-plan-addition") else "operating"
    root.add(Node("park").add(Node("name", text=name), Node("province", text=province),
                              Node("profile", text=profile), Node("status", text=status)))
    j["park"] = {"name": name, "province": province, "profile": profile, "status": status}

    inv = rng.randint(300, 9000)
    root.add(Node("investment", {"unit": "billion-VND"}, text=str(inv)))
    j["investment"] = {"value": inv, "unit": "billion-VND"}

    funcs = FUNCTIONS[:] if miss != "functions" else rng.sample(FUNCTIONS, rng.randint(3, 6))
    root.add(Node("functions").add(*[Node("function", {"name": f}) for f in funcs]))
    j["functions"] = funcs

    acts = []
    names = ["infrastructure", "rnd", "software", "training", "services"]
    if not software:
        names.append("hardware")
    elif fate > 0.9:
        names.append("hardware")  # a software-only park that says otherwise
    for i in range(len(names) + extra):
        a = names[i] if i < len(names) else rng.choice(ACTIVITIES[:-1] if not software
                                                       else ["software", "rnd", "services"])
        act = {"name": a}
        if a == "hardware":
            act["high_tech_list"] = True
        if i >= len(names) or rng.random() < 0.3:
            act["text"] = rng.choice(ACTIVITY_TEXT)
        acts.append(act)
    root.add(Node("activities").add(*[
        Node("activity", dict({"name": a["name"]},
                              **({"high-tech-list": "true"} if a.get("high_tech_list") else {})),
             text=a.get("text")) for a in acts]))
    j["activities"] = acts

    it_min = 1000 if software else 2000
    it = rng.randint(it_min, it_min * 4) if miss != "workers" \
        else rng.randint(int(it_min * 0.7), it_min - 1)
    share = rng.uniform(0.61, 0.9) if miss != "share" else rng.uniform(0.5, 0.59)
    total = int(it / share)
    wf = Node("workforce")
    it_text, total_text = str(it), str(total)
    if fate > 0.97:
        total_text = "{:,}".format(total).replace(",", ".")  # refused: 2.000
    wf.add(Node("it-specialists", text=it_text))
    j["workforce"] = {"it_specialists": json_number(it_text)}
    if not (0.8 < fate < 0.88):
        wf.add(Node("total", text=total_text))
        j["workforce"]["total"] = json_number(total_text)
    root.add(wf)

    land_min = 1 if software else 5
    land = rng.uniform(land_min * 1.05, land_min * 12) if miss != "land" \
        else rng.uniform(land_min * 0.6, land_min * 0.95)
    construction = land * rng.uniform(0.7, 0.85)
    footprint = land * (rng.uniform(0.2, 0.38) if miss != "density" else rng.uniform(0.41, 0.5))
    tv, tu = area(rng, land)
    cv, cu = area(rng, construction)
    fv, fu = area(rng, footprint)
    root.add(Node("land").add(Node("total", {"unit": tu}, text=tv),
                              Node("construction", {"unit": cu}, text=cv),
                              Node("building-footprint", {"unit": fu}, text=fv)))
    j["land"] = {"total": {"value": json_number(tv), "unit": tu},
                 "construction": {"value": json_number(cv), "unit": cu},
                 "building_footprint": {"value": json_number(fv), "unit": fu}}

    nzones = rng.randint(4, 9) + extra
    core_share = rng.uniform(0.55, 0.8) if miss != "core" else rng.uniform(0.35, 0.48)
    zones = []
    for i in range(nzones):
        core = i < max(1, int(nzones * 0.6))
        types = CORE_TYPES if core else SERVICE_TYPES
        k = i % len(types) if i < len(types) else rng.randrange(len(types))
        zones.append({"group": "core" if core else "service", "type": types[k],
                      "text": (CORE_TEXT if core else SERVICE_TEXT)[k]
                      if rng.random() < 0.6 or i >= 10 else None})
    ncore = sum(1 for z in zones if z["group"] == "core")
    zn = []
    for z in zones:
        share_of = core_share / ncore if z["group"] == "core" else \
            (1 - core_share) / max(1, nzones - ncore)
        z["area"] = num(max(0.01, construction * share_of))
        attrs = {"group": z["group"], "type": z["type"], "area": z["area"]}
        zn.append(Node("zone", attrs, text=z["text"]))
        z["area"] = json_number(z["area"])
        if z["text"] is None:
            del z["text"]
    root.add(Node("zones").add(*zn))
    j["zones"] = zones

    planning = Node("planning")
    jp = {}
    if kind == "establishment":
        mp = {"included": "true", "decision": "2407/QĐ-TTg", "date": "2014-12-31"}
        planning.add(Node("master-plan", mp))
        jp["master_plan"] = {"included": True, "decision": mp["decision"], "date": mp["date"]}
        parks = []
        for i in range(rng.randint(0, 2) + extra // 10):
            core = rng.uniform(5, 60)
            leased = core * (rng.uniform(0.62, 0.95) if miss != "parks" else rng.uniform(0.4, 0.58))
            parks.append({"name": "Khu CNTT tập trung %s %d (giả định)"
                          % (rng.choice(PROVINCES), i + 1),
                          "core_land": json_number(num(core)),
                          "core_land_leased": json_number(num(leased))})
        planning.add(Node("province-parks").add(*[
            Node("park", {"name": p["name"], "core-land": num(p["core_land"]),
                          "core-land-leased": num(p["core_land_leased"])}) for p in parks]))
        jp["province_parks"] = parks
    elif kind == "master-plan-addition":
        planning.add(Node("master-plan", {"included": "false"}))
        jp["master_plan"] = {"included": False}
        pr = []
        for p in PRINCIPLES:
            met = miss != "principles" or rng.random() < 0.8
            pr.append({"name": p, "met": met, "text": "Đã đánh giá theo quy hoạch tỉnh"})
        planning.add(Node("principles").add(*[
            Node("principle", {"name": p["name"], "met": "true" if p["met"] else "false"},
                 text=p["text"]) for p in pr]))
        jp["principles"] = pr
    if planning.children:
        root.add(planning)
        j["planning"] = jp

    if kind in ("expansion", "recognition"):
        since = date(rng, 2008, year - 3)
        op = Node("operation", {"operating": "true", "since": since})
        jo = {"operating": True, "since": since}
        if kind == "expansion":
            core = rng.uniform(10, 40)
            leased = core * (rng.uniform(0.72, 0.95) if miss != "leased" else rng.uniform(0.5, 0.68))
            op.add(Node("infrastructure-complete", text="true"),
                   Node("core-land", {"unit": "ha"}, text=num(core)),
                   Node("core-land-leased", {"unit": "ha"}, text=num(leased)))
            jo.update({"infrastructure_complete": True,
                       "core_land": {"value": json_number(num(core)), "unit": "ha"},
                       "core_land_leased": {"value": json_number(num(leased)), "unit": "ha"}})
        root.add(op)
        j["operation"] = jo

    docs = []

    def doc(type_, covers=None, **attrs):
        d = {"type": type_}
        d.update(attrs)
        if covers is not None:
            d["covers"] = covers
        docs.append(d)

    skip = rng.randrange(6) if 0.88 < fate < 0.97 else -1  # one document lacking
    sub_date = date(rng, year, year)[:5] + submitted[5:8] + "01"
    if skip != 0:
        doc("submission", number="%d/TTr-UBND" % rng.randint(10, 400), date=sub_date,
            issuer="UBND " + province, addressee="Thủ tướng Chính phủ")
    if kind in SCHEME_TOPICS and skip != 1:
        topics = SCHEME_TOPICS[kind][:]
        if miss == "topics":
            topics.pop(rng.randrange(len(topics)))
        doc("scheme", covers=topics, date=date(rng, year - 1, year),
            text="Đề án %s" % name)
    if kind in ("establishment", "expansion"):
        if skip != 2:
            doc("eia-approval", number="%d/QĐ-UBND" % rng.randint(100, 4000),
                date=date(rng, year - 1, year), **{"certified_copy": True})
        if skip != 3:
            doc("eia-report", date=date(rng, year - 1, year))
    if kind in ("expansion", "recognition") and skip != 4:
        doc("activity-report", covers=REPORT_TOPICS[:], date=date(rng, year - 1, year),
            text="Báo cáo tổng thể hoạt động khu")
    if kind == "recognition" and skip != 5:
        doc("investment-certificate", number=str(rng.randint(10 ** 9, 10 ** 10 - 1)),
            date=date(rng, 2005, year - 2), text="Giấy chứng nhận đầu tư hạ tầng")
    for i in range(extra // 2):
        doc("investment-certificate", number=str(rng.randint(10 ** 9, 10 ** 10 - 1)),
            date=date(rng, 2005, year - 1), issuer="Sở Kế hoạch và Đầu tư " + province,
            text="Giấy chứng nhận đầu tư của doanh nghiệp thứ %d trong khu" % (i + 1))
    dn = []
    for d in docs:
        attrs = {"type": d["type"]}
        for k in ("number", "date", "issuer", "addressee"):
            if k in d:
                attrs[k] = d[k]
        if d.get("certified_copy"):
            attrs["certified-copy"] = "true"
        node = Node("document", attrs, text=d.get("text"))
        for t in d.get("covers", []):
            node.add(Node("covers", {"topic": t}))
        dn.append(node)
    root.add(Node("documents").add(*dn))
    j["documents"] = docs

    return root, j


def write(out_dir, index, root, j):
    base = os.path.join(out_dir, "%06d" % index)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    root.xml(lines, 0)
    with open(base + ".xml", "w", encoding="utf-8") as f:
        f.write("".join(lines))
    with open(base + ".json", "w", encoding="utf-8") as f:
        json.dump(j, f, ensure_ascii=False, separators=(",", ":"))


def main(argv):
    if len(argv) < 4 or argv[2] not in ("typical", "large", "scale"):
        sys.stderr.write(__doc__)
        return 2
    out_dir, what = argv[1], argv[2]
    if what == "scale":
        extra, count = int(argv[3]), int(argv[4])
    else:
        extra, count = None, int(argv[3])
    rng = random.Random("%d-%s-%s" % (SEED, what, extra))
    os.makedirs(out_dir, exist_ok=True)
    total = 0
    for i in range(count):
        if what == "typical":
            kind, x = KINDS[i % len(KINDS)], rng.randint(0, 3)
        elif what == "large":
            kind, x = KINDS[i % len(KINDS)], rng.randint(300, 700)
        else:
            kind, x = "establishment", extra
        root, j = dossier(rng, kind, x)
        write(out_dir, i, root, j)
        total += os.path.getsize(os.path.join(out_dir, "%06d.xml" % i))
    print("%s: %d %s dossiers, %d bytes of XML (%.1f KB each)"
          % (out_dir, count, what, total, total / 1024 / max(1, count)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
