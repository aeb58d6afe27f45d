#!/usr/bin/env python3
"""Generate the benchmark corpus of issue 6, with a fixed seed.

For N pages it writes the same content four times:

  OUT/sinew/   a sinew site: site.yaml, content/ with N pages of about 250 words in
               nested folders (front matter with title, description, tags and weight;
               headings, lists, emphasis, valid internal `@/` links, some with anchors),
               an index.md per folder, 500 exercises in content/exercises/*.yaml and
               100 ladders in content/programs/*.yaml whose stages use those exercises.
  OUT/hugo/    the same pages as a Hugo site (hugo.toml, content/ with _index.md per
               folder, minimal layouts, `tags` taxonomy); links are plain site URLs
               (/a/b/page/); each exercise and ladder becomes a Markdown page.
  OUT/cobalt/  the same pages as a Cobalt site (_cobalt.yml, one liquid layout); links
               are plain site URLs (/a/b/page.html).
  OUT/zola/    the same pages as a Zola site (zola.toml, content/ with _index.md per
               section, TOML front matter between `+++` lines, `tags` taxonomy, minimal
               Tera templates equivalent to the Hugo layouts); links are Zola's checked
               internal links (@/a/b/page.md, with anchors), as sinew's are; each
               exercise and ladder becomes a Markdown page, as for Hugo.

The output depends only on N and the seed: `gen.py --hash` prints a SHA-256 over every
file written (paths and bytes), so two runs can be compared.

Usage: gen.py --pages N --out DIR [--seed S] [--only sinew,hugo,cobalt,zola] [--hash]
Standard library only (Python 3.9+).
"""

import argparse
import hashlib
import os
import random
import shutil
import sys

SEED = 20240606
EXERCISES = 500
LADDERS = 100
PAGES_PER_FOLDER = 50
TOP_FOLDERS = [
    "back-and-neck", "knee", "hip", "shoulder", "ankle-and-foot",
    "elbow-and-wrist", "sports-injuries", "long-term-pain", "after-surgery", "living-well",
]
TOP_TITLES = [
    "Back and neck", "Knee", "Hip", "Shoulder", "Ankle and foot",
    "Elbow and wrist", "Sports injuries", "Long-term pain", "After surgery", "Living well",
]

# Plain words for patient-education prose (reading age 9-11).
NOUNS = """pain tendon muscle joint knee hip back neck shoulder ankle foot wrist elbow
stretch exercise walk rest sleep habit goal plan week day morning evening step set rep
chair floor wall stair bed towel band ball weight heel toe leg arm spine posture breath
swelling stiffness strength balance movement load activity physio doctor clinic nurse
friend family work sport run swim cycle garden dog bag shoe pillow ice heat""".split()
VERBS = """helps eases builds strengthens loosens supports calms protects improves
moves bends lifts lowers holds keeps lets makes gives starts stops changes slows
warms cools tightens relaxes steadies guides shows""".split()
ADJS = """gentle slow steady short long small big easy hard firm soft warm cool
stiff sore tired strong weak calm busy daily simple careful safe regular normal
comfortable painful sudden mild""".split()
ADVS = """slowly gently often sometimes usually carefully quickly calmly daily
steadily mostly rarely""".split()
FUNC = """the a your this each every most some many""".split()
PREPS = """with after before during for in on at under over through""".split()

H2 = [
    "What it is", "What causes it", "What helps", "Things to avoid", "How long it takes",
    "When to get help", "Your first week", "At work", "At home", "Sleep and rest",
    "Getting back to sport", "Pain rules", "Common questions", "What we check",
    "Building up", "Keeping it going",
]
H3 = [
    "A simple start", "If it flares up", "Good signs", "Warning signs", "Tips",
    "What to expect", "Small steps", "Over the next month",
]
REGIONS = "hamstring buttock calf quads hip knee ankle shoulder neck back core wrist".split()
EQUIPMENT = "mat step band chair towel ball wall".split()
TAGS = sorted({f"{a}-{b}" for a in [
    "pain", "strength", "balance", "posture", "sleep", "work", "sport", "home", "rest",
    "walking", "running", "lifting", "stretching", "breathing",
] for b in ["basics", "advice", "plan", "tips"]})  # 56 tags


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def words(self, n):
        r = self.r
        out = []
        while len(out) < n:
            out += [r.choice(FUNC), r.choice(ADJS), r.choice(NOUNS), r.choice(VERBS),
                    r.choice(FUNC), r.choice(NOUNS)]
            if r.random() < 0.5:
                out += [r.choice(PREPS), r.choice(FUNC), r.choice(NOUNS)]
            if r.random() < 0.3:
                out.append(r.choice(ADVS))
        return out[:n]

    def sentence(self, n=None):
        w = self.words(n or self.r.randint(7, 13))
        w[0] = w[0].capitalize()
        r = self.r
        if r.random() < 0.15:
            i = r.randrange(1, len(w))
            w[i] = f"**{w[i]}**"
        elif r.random() < 0.1:
            i = r.randrange(1, len(w))
            w[i] = f"*{w[i]}*"
        return " ".join(w) + "."

    def paragraph(self, words, links=()):
        """About `words` words; each link is (text, target) put inside a sentence."""
        sents = []
        count = 0
        while count < words:
            s = self.sentence()
            sents.append(s)
            count += len(s.split())
        for text, (kind, idx, anchor) in links:
            i = self.r.randrange(len(sents))
            # A placeholder, turned into each generator's own URL by `resolve_links`.
            sents[i] = sents[i][:-1] + f", see [{text}](\x00{kind}:{idx}:{anchor or ''}\x00)."
        return " ".join(sents)

    def title(self):
        r = self.r
        return f"{r.choice(ADJS).capitalize()} {r.choice(NOUNS)} {r.choice(NOUNS)} {r.choice(['guide', 'advice', 'care', 'plan', 'basics', 'help'])}"


def plan(n, seed):
    """Everything about the site, in a neutral form: pages, exercises, ladders."""
    g = Gen(seed)
    r = g.r
    folders = max(1, n // PAGES_PER_FOLDER)
    groups_per_top = max(1, folders // len(TOP_FOLDERS))
    # Leaf folders: top/group-NN; pages are spread evenly over them.
    leaves = []
    for t in range(len(TOP_FOLDERS)):
        for k in range(groups_per_top):
            leaves.append((t, f"{TOP_FOLDERS[t]}/group-{k + 1:02d}"))
    pages = []
    for i in range(n):
        t, folder = leaves[i % len(leaves)]
        slug = f"{r.choice(ADJS)}-{r.choice(NOUNS)}-{i + 1:05d}"
        h2 = r.sample(H2, 3)
        h3 = r.choice(H3)
        pages.append({
            "key": f"{folder}/{slug}",  # source path without .md
            "title": g.title() + f" {i + 1}",
            "description": g.sentence(r.randint(9, 14)),
            "tags": sorted(r.sample(TAGS, r.randint(1, 3))),
            "weight": r.randint(1, 100),
            "h2": h2,
            "h3": h3,
        })
    exercises = []
    for i in range(EXERCISES):
        eid = f"{r.choice(ADJS)}-{r.choice(NOUNS)}-{i + 1:03d}"
        exercises.append({
            "id": eid,
            "name": f"{r.choice(ADJS).capitalize()} {r.choice(NOUNS)} {r.choice(['raise', 'bridge', 'lunge', 'squat', 'hold', 'stretch', 'press', 'row'])} {i + 1}",
            "summary": g.sentence(r.randint(10, 16)),
            "steps": [g.sentence(r.randint(6, 12)) for _ in range(r.randint(3, 6))],
            "cautions": [g.sentence(r.randint(8, 12)) for _ in range(r.randint(1, 2))],
            "regions": sorted(r.sample(REGIONS, r.randint(1, 3))),
            "equipment": sorted(r.sample(EQUIPMENT, r.randint(0, 2))),
            "dose": (r.randint(1, 3), r.randint(5, 15), r.randint(1, 3)),
        })
    ladders = []
    for i in range(LADDERS):
        lid = f"{r.choice(NOUNS)}-ladder-{i + 1:03d}"
        stages = []
        for e in r.sample(range(EXERCISES), r.randint(3, 6)):
            s_sets = r.randint(1, 2)
            s_reps = r.randint(3, 6)
            dmin = r.randint(2, 5)
            stages.append({
                "exercise": e,
                "start": (s_sets, s_reps),
                "target": (s_sets + r.randint(0, 1), s_reps + r.randint(3, 8)),
                "days": (dmin, dmin + r.randint(1, 5)),
            })
        ms = r.sample(range(len(stages)), r.randint(1, 2))
        ladders.append({
            "id": lid,
            "title": f"{g.title()} exercise ladder {i + 1}",
            "description": g.sentence(r.randint(9, 14)),
            "condition": r.randrange(n),
            "times_per_day": r.randint(1, 3),
            "stages": stages,
            "milestones": [(stages[k]["exercise"], r.randint(10, 20), g.sentence(8), r.randrange(n)) for k in sorted(ms)],
        })
    # Bodies, in a neutral form: a list of blocks; links are ("page", idx, anchor) etc.
    for i, p in enumerate(pages):
        def link_page(anchor=False):
            j = r.randrange(n)
            while j == i and n > 1:
                j = r.randrange(n)
            a = None
            if anchor:
                a = slug_heading(r.choice(pages[j]["h2"]))
            return (pages[j]["title"].lower(), ("page", j, a))

        def link_ex():
            e = r.randrange(EXERCISES)
            return (exercises[e]["name"].lower(), ("exercise", e, None))

        def link_ladder():
            k = r.randrange(LADDERS)
            return (ladders[k]["title"].lower(), ("ladder", k, None))

        blocks = [
            ("p", g.paragraph(35, [link_page()])),
            ("h2", p["h2"][0]),
            ("p", g.paragraph(30, [link_page(anchor=True)])),
            ("ul", [g.sentence(r.randint(5, 8)) for _ in range(4)]),
            ("h2", p["h2"][1]),
            ("p", g.paragraph(30, [link_ex()])),
            ("ol", [g.sentence(r.randint(5, 8)) for _ in range(3)]),
            ("h3", p["h3"]),
            ("p", g.paragraph(20, [link_page()] + ([link_ladder()] if r.random() < 0.3 else []))),
            ("h2", p["h2"][2]),
            ("p", g.paragraph(25, [])),
        ]
        p["blocks"] = blocks
    return {"n": n, "leaves": leaves, "groups_per_top": groups_per_top, "pages": pages,
            "exercises": exercises, "ladders": ladders}


def slug_heading(text):
    """The anchor that sinew and Hugo both give an ASCII heading."""
    out, dash = [], False
    for c in text:
        if c.isalnum():
            if dash and out:
                out.append("-")
            dash = False
            out.append(c.lower())
        elif c != "'":
            dash = True
    return "".join(out)


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Writer:
    def __init__(self, root):
        self.root = root
        self.made = set()

    def write(self, rel, text):
        path = os.path.join(self.root, rel)
        d = os.path.dirname(path)
        if d not in self.made:
            os.makedirs(d, exist_ok=True)
            self.made.add(d)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


def render_links(plan_, style):
    """Returns a function turning a link target tuple into a URL for `style`."""
    pages, ex, lad = plan_["pages"], plan_["exercises"], plan_["ladders"]

    def url(t):
        kind, i, anchor = t
        if kind == "page":
            key = pages[i]["key"]
            u = {"sinew": f"@/{key}.md", "hugo": f"/{key}/", "cobalt": f"/{key}.html",
                 "zola": f"@/{key}.md"}[style]
        elif kind == "exercise":
            eid = ex[i]["id"]
            u = {"sinew": f"@/exercises/{eid}.yaml", "hugo": f"/exercises/{eid}/",
                 "cobalt": f"/exercises/{eid}.html", "zola": f"@/exercises/{eid}.md"}[style]
        else:
            lid = lad[i]["id"]
            u = {"sinew": f"@/programs/{lid}.yaml", "hugo": f"/planner/{lid}/",
                 "cobalt": f"/planner/{lid}.html", "zola": f"@/planner/{lid}.md"}[style]
        return u + (f"#{anchor}" if anchor else "")
    return url


def page_text(p, url, style):
    """Front matter + body for one page in `style`."""
    body_parts = []
    for kind, v in p["blocks"]:
        if kind == "p":
            body_parts.append(v)
        elif kind == "h2":
            body_parts.append(f"## {v}")
        elif kind == "h3":
            body_parts.append(f"### {v}")
        elif kind == "ul":
            body_parts.append("\n".join(f"- {x}" for x in v))
        elif kind == "ol":
            body_parts.append("\n".join(f"{k + 1}. {x}" for k, x in enumerate(v)))
    body = "\n\n".join(body_parts) + "\n"
    body = resolve_links(body, url)
    if style == "zola":
        return toml_front(p["title"], p["description"], [f"weight = {p['weight']}"],
                          p["tags"]) + "\n" + body
    fm = [
        "---",
        f"title: {yaml_str(p['title'])}",
        f"description: {yaml_str(p['description'])}",
        f"tags: [{', '.join(p['tags'])}]",
        f"weight: {p['weight']}",
    ]
    if style == "cobalt":
        fm.append("layout: default.liquid")
    fm.append("---")
    return "\n".join(fm) + "\n\n" + body


def resolve_links(body, url):
    out = []
    pos = 0
    while True:
        a = body.find("\x00", pos)
        if a < 0:
            out.append(body[pos:])
            return "".join(out)
        b = body.find("\x00", a + 1)
        kind, i, anchor = body[a + 1:b].split(":")
        out.append(body[pos:a])
        out.append(url((kind, int(i), anchor or None)))
        pos = b + 1


def index_text(title, description, body, style, extra_fm=()):
    if style == "zola":
        # A section: `weight: N` becomes `weight = N`; sort its pages and subsections
        # by weight, as the Hugo layouts do with `.ByWeight`.
        extra = [l.replace(": ", " = ", 1) for l in extra_fm] + ['sort_by = "weight"']
        return toml_front(title, description, extra) + "\n" + body + "\n"
    fm = ["---", f"title: {yaml_str(title)}", f"description: {yaml_str(description)}"]
    fm += list(extra_fm)
    if style == "cobalt":
        fm.append("layout: default.liquid")
    fm.append("---")
    return "\n".join(fm) + "\n\n" + body + "\n"


def toml_str(s):
    """A TOML basic string (the generated text is ASCII without control characters)."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_front(title, description, extra=(), tags=None):
    """Zola's front matter: TOML between `+++` lines; tags under `[taxonomies]`."""
    fm = ["+++", f"title = {toml_str(title)}", f"description = {toml_str(description)}"]
    fm += list(extra)
    if tags:
        fm += ["", "[taxonomies]", f"tags = [{', '.join(toml_str(t) for t in tags)}]"]
    fm.append("+++")
    return "\n".join(fm) + "\n"


SITE_TITLE = "Benchmark Physiotherapy"
SITE_DESC = "Generated pages for the sinew benchmark."


def write_sinew(P, root):
    w = Writer(root)
    url = render_links(P, "sinew")
    w.write("site.yaml", "\n".join([
        f"title: {SITE_TITLE}",
        "base_url: /",
        "language: en-GB",
        f"description: {SITE_DESC}",
        "review_every_months: 12",
        "clinic:",
        "  name: Benchmark Physiotherapy",
        '  phone: "01632 960 000"',
        "  email: hello@example.org",
        "  address: 1 Test Street, Testville",
        "  booking_url: https://example.org/book",
        "",
    ]))
    write_pages(P, w, url, "sinew")
    for e in P["exercises"]:
        lines = [
            f"name: {yaml_str(e['name'])}",
            f"summary: {yaml_str(e['summary'])}",
            "steps:",
            *[f"  - {yaml_str(s)}" for s in e["steps"]],
            f"video: https://example.org/videos/{e['id']}",
            "cautions:",
            *[f"  - {yaml_str(s)}" for s in e["cautions"]],
            f"body_regions: [{', '.join(e['regions'])}]",
            f"equipment: [{', '.join(e['equipment'])}]",
            "dose:",
            f"  sets: {e['dose'][0]}",
            f"  reps: {e['dose'][1]}",
            f"  times_per_day: {e['dose'][2]}",
            "",
        ]
        w.write(f"content/exercises/{e['id']}.yaml", "\n".join(lines))
    for l in P["ladders"]:
        lines = [
            f"title: {yaml_str(l['title'])}",
            f"condition: \"@/{P['pages'][l['condition']]['key']}.md\"",
            f"description: {yaml_str(l['description'])}",
            f"times_per_day: {l['times_per_day']}",
            "pain:",
            "  max_rise_during: 2",
            "  max_rise_after: 2",
            "  settle_minutes: 30",
            "  baseline_max: 5",
            "stages:",
        ]
        for s in l["stages"]:
            lines += [
                f"  - exercise: {P['exercises'][s['exercise']]['id']}",
                f"    start: {{ sets: {s['start'][0]}, reps: {s['start'][1]} }}",
                f"    target: {{ sets: {s['target'][0]}, reps: {s['target'][1]} }}",
                f"    days: {{ min: {s['days'][0]}, max: {s['days'][1]} }}",
            ]
        lines.append("milestones:")
        for ex, reps, unlocks, page in l["milestones"]:
            lines += [
                f"  - exercise: {P['exercises'][ex]['id']}",
                f"    reps: {reps}",
                f"    unlocks: {yaml_str(unlocks)}",
                f"    link: \"@/{P['pages'][page]['key']}.md\"",
            ]
        lines.append("")
        w.write(f"content/programs/{l['id']}.yaml", "\n".join(lines))


def write_pages(P, w, url, style):
    """The N pages and one index page per folder, for any style."""
    index_name = "_index.md" if style in ("hugo", "zola") else "index.md"
    w.write(f"content/{index_name}" if style != "cobalt" else "index.md",
            index_text(SITE_TITLE, SITE_DESC,
                       "Welcome. These pages were generated for the benchmark.", style))
    seen_top = set()
    for t, folder in P["leaves"]:
        top = TOP_FOLDERS[t]
        base = "content/" if style != "cobalt" else ""
        if top not in seen_top:
            seen_top.add(top)
            w.write(f"{base}{top}/{index_name}",
                    index_text(TOP_TITLES[t], f"Guides about {TOP_TITLES[t].lower()}.",
                               f"Pages about {TOP_TITLES[t].lower()}, in groups.", style,
                               [f"weight: {t + 1}"]))
        g = folder.split("/")[1]
        w.write(f"{base}{folder}/{index_name}",
                index_text(f"{TOP_TITLES[t]}: {g.replace('-', ' ')}",
                           f"Group {g[-2:]} of the {TOP_TITLES[t].lower()} pages.",
                           "The pages of this group.", style))
    for p in P["pages"]:
        base = "content/" if style != "cobalt" else ""
        w.write(f"{base}{p['key']}.md", page_text(p, url, style))
    if style == "sinew":
        w.write("content/exercises/index.md",
                index_text("Exercises", "Every home exercise.", "All our exercises.", style))


def write_hugo(P, root):
    w = Writer(root)
    url = render_links(P, "hugo")
    w.write("hugo.toml", "\n".join([
        'baseURL = "/"',
        f'title = "{SITE_TITLE}"',
        'languageCode = "en-gb"',
        'disableKinds = ["RSS"]',
        "enableRobotsTXT = true",
        "[taxonomies]",
        '  tag = "tags"',
        "[markup.goldmark.renderer]",
        "  unsafe = true",
        "[params]",
        f'  description = "{SITE_DESC}"',
        '  clinic_name = "Benchmark Physiotherapy"',
        '  phone = "01632 960 000"',
        '  email = "hello@example.org"',
        '  address = "1 Test Street, Testville"',
        '  booking_url = "https://example.org/book"',
        "",
    ]))
    write_pages(P, w, url, "hugo")
    w.write("content/exercises/_index.md",
            index_text("Exercises", "Every home exercise.", "All our exercises.", "hugo"))
    for e in P["exercises"]:
        w.write(f"content/exercises/{e['id']}.md", exercise_md(e, "hugo"))
    w.write("content/planner/_index.md",
            index_text("Exercise planners", "Every exercise ladder.", "All our ladders.", "hugo"))
    for l in P["ladders"]:
        w.write(f"content/planner/{l['id']}.md", ladder_md(P, l, url, "hugo"))
    for name, text in HUGO_LAYOUTS.items():
        w.write(f"layouts/{name}", text)


def exercise_md(e, style):
    fm = ["---", f"title: {yaml_str(e['name'])}", f"description: {yaml_str(e['summary'])}"]
    if style == "cobalt":
        fm.append("layout: default.liquid")
    fm.append("---")
    body = [
        "## Steps", "\n".join(f"{k + 1}. {s}" for k, s in enumerate(e["steps"])),
        "## Dose", f"{e['dose'][0]} sets of {e['dose'][1]} reps, {e['dose'][2]} times a day.",
        "## Cautions", "\n".join(f"- {s}" for s in e["cautions"]),
        f"[Watch the video](https://example.org/videos/{e['id']})",
    ]
    if style == "zola":
        return toml_front(e["name"], e["summary"]) + "\n" + "\n\n".join(body) + "\n"
    return "\n".join(fm) + "\n\n" + "\n\n".join(body) + "\n"


def ladder_md(P, l, url, style):
    fm = ["---", f"title: {yaml_str(l['title'])}", f"description: {yaml_str(l['description'])}"]
    if style == "cobalt":
        fm.append("layout: default.liquid")
    fm.append("---")
    stages = []
    for k, s in enumerate(l["stages"]):
        e = P["exercises"][s["exercise"]]
        stages.append(f"{k + 1}. [{e['name']}]({url(('exercise', s['exercise'], None))}): "
                      f"from {s['start'][0]}x{s['start'][1]} to {s['target'][0]}x{s['target'][1]}, "
                      f"{s['days'][0]} to {s['days'][1]} days")
    ms = [f"- {P['exercises'][ex]['name']}, {reps} reps: {unlocks} "
          f"[More]({url(('page', page, None))})" for ex, reps, unlocks, page in l["milestones"]]
    body = [
        f"For [{P['pages'][l['condition']]['title'].lower()}]({url(('page', l['condition'], None))}), "
        f"{l['times_per_day']} times a day.",
        "## Ladder", "\n".join(stages), "## Milestones", "\n".join(ms),
    ]
    if style == "zola":
        return toml_front(l["title"], l["description"]) + "\n" + "\n\n".join(body) + "\n"
    return "\n".join(fm) + "\n\n" + "\n\n".join(body) + "\n"


def write_cobalt(P, root):
    w = Writer(root)
    url = render_links(P, "cobalt")
    w.write("_cobalt.yml", "\n".join([
        "source: \".\"",
        "destination: \"_site\"",
        "site:",
        f"  title: \"{SITE_TITLE}\"",
        f"  description: \"{SITE_DESC}\"",
        "",
    ]))
    write_pages(P, w, url, "cobalt")
    w.write("exercises/index.md",
            index_text("Exercises", "Every home exercise.", "All our exercises.", "cobalt"))
    for e in P["exercises"]:
        w.write(f"exercises/{e['id']}.md", exercise_md(e, "cobalt"))
    w.write("planner/index.md",
            index_text("Exercise planners", "Every exercise ladder.", "All our ladders.", "cobalt"))
    for l in P["ladders"]:
        w.write(f"planner/{l['id']}.md", ladder_md(P, l, url, "cobalt"))
    nav = "\n".join(f'        <li><a href="/{top}/">{TOP_TITLES[t]}</a></li>'
                    for t, top in enumerate(TOP_FOLDERS))
    w.write("_layouts/default.liquid", COBALT_LAYOUT.replace("@NAV@", nav))


def write_zola(P, root):
    w = Writer(root)
    url = render_links(P, "zola")
    w.write("zola.toml", "\n".join([
        'base_url = "/"',
        f'title = "{SITE_TITLE}"',
        f'description = "{SITE_DESC}"',
        'default_language = "en"',
        "compile_sass = false",
        "build_search_index = false",
        "generate_feeds = false",
        "generate_sitemap = true",
        "generate_robots_txt = true",
        "taxonomies = [",
        '  {name = "tags"},',
        "]",
        "",
        "[extra]",
        'clinic_name = "Benchmark Physiotherapy"',
        'phone = "01632 960 000"',
        'email = "hello@example.org"',
        'address = "1 Test Street, Testville"',
        'booking_url = "https://example.org/book"',
        "",
    ]))
    write_pages(P, w, url, "zola")
    # Exercises and ladders have no weight: listed by title, as Hugo's `.ByWeight` does
    # when every weight is the same.
    w.write("content/exercises/_index.md",
            toml_front("Exercises", "Every home exercise.", ['sort_by = "title"']) +
            "\nAll our exercises.\n")
    for e in P["exercises"]:
        w.write(f"content/exercises/{e['id']}.md", exercise_md(e, "zola"))
    w.write("content/planner/_index.md",
            toml_front("Exercise planners", "Every exercise ladder.", ['sort_by = "title"']) +
            "\nAll our ladders.\n")
    for l in P["ladders"]:
        w.write(f"content/planner/{l['id']}.md", ladder_md(P, l, url, "zola"))
    for name, text in ZOLA_TEMPLATES.items():
        w.write(f"templates/{name}", text)


HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="stylesheet" href="/style.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <div class="wrap">
    <p class="site-title"><a href="/">{{ site.Title }}</a></p>
    <nav aria-label="Main">
      <ul class="nav">
        <li><a href="/">Home</a></li>
        {{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
        {{ end }}
      </ul>
    </nav>
  </div>
</header>
<main id="main" class="wrap">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p class="clinic-name">{{ site.Params.clinic_name }}</p>
    <ul class="contact">
      <li>Phone: {{ site.Params.phone }}</li>
      <li>Email: <a href="mailto:{{ site.Params.email }}">{{ site.Params.email }}</a></li>
      <li>{{ site.Params.address }}</li>
      <li><a class="button" href="{{ site.Params.booking_url }}">Book a consultation</a></li>
    </ul>
  </div>
</footer>
</body>
</html>
"""

HUGO_SINGLE = """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
{{ .Content }}
{{ with .GetTerms "tags" }}<p class="tags">Topics: {{ range $i, $t := . }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</p>{{ end }}
</article>
{{ end }}
"""

HUGO_LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
{{ .Content }}
{{ with .Sections }}<h2>Topics</h2>
<ul class="page-list">{{ range .ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }}<p>{{ . }}</p>{{ end }}</li>{{ end }}</ul>{{ end }}
{{ with .RegularPages }}<h2>Pages</h2>
<ul class="page-list">{{ range .ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }}<p>{{ . }}</p>{{ end }}</li>{{ end }}</ul>{{ end }}
{{ end }}
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": HUGO_BASEOF,
    "_default/single.html": HUGO_SINGLE,
    "_default/list.html": HUGO_LIST,
    "404.html": """{{ define "main" }}<h1>Page not found</h1><p><a href="/">Go to the home page</a></p>{{ end }}\n""",
}

COBALT_LAYOUT = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ page.title }} | {{ site.title }}</title>
{% if page.description %}<meta name="description" content="{{ page.description }}">{% endif %}
<link rel="stylesheet" href="/style.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <div class="wrap">
    <p class="site-title"><a href="/">{{ site.title }}</a></p>
    <nav aria-label="Main">
      <ul class="nav">
        <li><a href="/">Home</a></li>
@NAV@
      </ul>
    </nav>
  </div>
</header>
<main id="main" class="wrap">
<article>
<h1>{{ page.title }}</h1>
{% if page.description %}<p class="lead">{{ page.description }}</p>{% endif %}
{{ page.content }}
{% if page.tags %}<p class="tags">Topics: {% for t in page.tags %}<a href="/tags/{{ t }}/">{{ t }}</a>{% unless forloop.last %}, {% endunless %}{% endfor %}</p>{% endif %}
</article>
</main>
<footer class="site-footer">
  <div class="wrap">
    <p class="clinic-name">Benchmark Physiotherapy</p>
    <ul class="contact">
      <li>Phone: 01632 960 000</li>
      <li>Email: <a href="mailto:hello@example.org">hello@example.org</a></li>
      <li>1 Test Street, Testville</li>
      <li><a class="button" href="https://example.org/book">Book a consultation</a></li>
    </ul>
  </div>
</footer>
</body>
</html>
"""


# Zola's templates (Tera), equivalent to the Hugo layouts above: the same header,
# navigation (the home page's sections), footer, tag links and listings.
ZOLA_BASE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
{% block description %}{% endblock description %}
<link rel="stylesheet" href="/style.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <div class="wrap">
    <p class="site-title"><a href="/">{{ config.title }}</a></p>
    <nav aria-label="Main">
      <ul class="nav">
        <li><a href="/">Home</a></li>
        {% set home = get_section(path="_index.md", metadata_only=true) %}{% for s in home.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href="{{ sub.path }}">{{ sub.title }}</a></li>
        {% endfor %}
      </ul>
    </nav>
  </div>
</header>
<main id="main" class="wrap">
{% block main %}{% endblock main %}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p class="clinic-name">{{ config.extra.clinic_name }}</p>
    <ul class="contact">
      <li>Phone: {{ config.extra.phone }}</li>
      <li>Email: <a href="mailto:{{ config.extra.email }}">{{ config.extra.email }}</a></li>
      <li>{{ config.extra.address }}</li>
      <li><a class="button" href="{{ config.extra.booking_url }}">Book a consultation</a></li>
    </ul>
  </div>
</footer>
</body>
</html>
"""

ZOLA_PAGE = """{% extends "base.html" %}
{% block title %}{{ page.title }} | {{ config.title }}{% endblock title %}
{% block description %}{% if page.description %}<meta name="description" content="{{ page.description }}">{% endif %}{% endblock description %}
{% block main %}
<article>
<h1>{{ page.title }}</h1>
{% if page.description %}<p class="lead">{{ page.description }}</p>{% endif %}
{{ page.content | safe }}
{% if page.taxonomies.tags %}<p class="tags">Topics: {% for t in page.taxonomies.tags %}{% if not loop.first %}, {% endif %}<a href="{{ get_taxonomy_url(kind="tags", name=t) }}">{{ t }}</a>{% endfor %}</p>{% endif %}
</article>
{% endblock main %}
"""

ZOLA_SECTION = """{% extends "base.html" %}
{% block title %}{% if section.path == "/" %}{{ config.title }}{% else %}{{ section.title }} | {{ config.title }}{% endif %}{% endblock title %}
{% block description %}{% if section.description %}<meta name="description" content="{{ section.description }}">{% endif %}{% endblock description %}
{% block main %}
<h1>{{ section.title }}</h1>
{% if section.description %}<p class="lead">{{ section.description }}</p>{% endif %}
{{ section.content | safe }}
{% if section.subsections %}<h2>Topics</h2>
<ul class="page-list">{% for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href="{{ sub.path }}">{{ sub.title }}</a>{% if sub.description %}<p>{{ sub.description }}</p>{% endif %}</li>{% endfor %}</ul>{% endif %}
{% if section.pages %}<h2>Pages</h2>
<ul class="page-list">{% for p in section.pages %}<li><a href="{{ p.path }}">{{ p.title }}</a>{% if p.description %}<p>{{ p.description }}</p>{% endif %}</li>{% endfor %}</ul>{% endif %}
{% endblock main %}
"""

ZOLA_TAXONOMY_LIST = """{% extends "base.html" %}
{% block title %}Tags | {{ config.title }}{% endblock title %}
{% block main %}
<h1>Tags</h1>
<ul class="page-list">{% for term in terms %}<li><a href="{{ term.path }}">{{ term.name }}</a></li>{% endfor %}</ul>
{% endblock main %}
"""

ZOLA_TAXONOMY_SINGLE = """{% extends "base.html" %}
{% block title %}{{ term.name }} | {{ config.title }}{% endblock title %}
{% block main %}
<h1>{{ term.name }}</h1>
<h2>Pages</h2>
<ul class="page-list">{% for p in term.pages %}<li><a href="{{ p.path }}">{{ p.title }}</a>{% if p.description %}<p>{{ p.description }}</p>{% endif %}</li>{% endfor %}</ul>
{% endblock main %}
"""

ZOLA_TEMPLATES = {
    "base.html": ZOLA_BASE,
    "index.html": '{% extends "section.html" %}\n',
    "section.html": ZOLA_SECTION,
    "page.html": ZOLA_PAGE,
    "taxonomy_list.html": ZOLA_TAXONOMY_LIST,
    "taxonomy_single.html": ZOLA_TAXONOMY_SINGLE,
    "404.html": ('{% extends "base.html" %}\n'
                 '{% block title %}Page not found | {{ config.title }}{% endblock title %}\n'
                 '{% block main %}<h1>Page not found</h1><p><a href="/">Go to the home page</a></p>'
                 '{% endblock main %}\n'),
}


def tree_hash(root):
    """SHA-256 over every file's path and bytes, except what the tools themselves leave
    in a source folder (Hugo's `.hugo_build.lock` and `resources/`, Cobalt's `_site/`)."""
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(root):
        if dirpath == root:
            dirnames[:] = [d for d in dirnames if d not in ("resources", "_site")]
            filenames = [f for f in filenames if not f.startswith(".")]
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            h.update(rel.encode() + b"\0")
            with open(path, "rb") as f:
                h.update(f.read())
            h.update(b"\0")
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, required=True, help="number of regular pages")
    ap.add_argument("--out", required=True, help="folder to (re)create")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--only", default="sinew,hugo,cobalt,zola", help="comma-separated styles")
    ap.add_argument("--hash", action="store_true", help="print a SHA-256 of each tree")
    ap.add_argument("--reuse", action="store_true",
                    help="keep a tree that this same generator made with the same N and seed "
                         "and that is unchanged since (checked by its hash)")
    a = ap.parse_args()
    with open(__file__, "rb") as f:
        me = hashlib.sha256(f.read()).hexdigest()[:16]
    writers = {"sinew": write_sinew, "hugo": write_hugo, "cobalt": write_cobalt, "zola": write_zola}
    P = None
    for style in a.only.split(","):
        root = os.path.join(a.out, style)
        stamp = os.path.join(a.out, f".{style}.stamp")
        key = f"gen={me} pages={a.pages} seed={a.seed}"
        if a.reuse and os.path.isdir(root) and os.path.exists(stamp):
            with open(stamp) as f:
                old = f.read().split()
            if " ".join(old[:3]) == key and old[3:] == [f"sha256={tree_hash(root)}"]:
                if a.hash:
                    print(f"{style} {old[3][7:]} (reused)")
                continue
        if P is None:
            P = plan(a.pages, a.seed)
        if os.path.exists(root):
            shutil.rmtree(root)
        writers[style](P, root)
        digest = tree_hash(root)
        with open(stamp, "w") as f:
            f.write(f"{key} sha256={digest}\n")
        if a.hash:
            print(f"{style} {digest}")


if __name__ == "__main__":
    sys.exit(main())
