#!/usr/bin/env python3
"""The Markdown report of `bench/run` (issues 6 and 20), from its raw numbers.

`bench/run` calls `report(raw)` at the end of a run. It can also be run on its own, to
print the tables again from a saved run without measuring anything:

    python3 bench/report.py bench/work/raw.json

Standard library only.
"""

import json
import statistics
import sys

# The order of the rows in every table.
TOOLS = ["sinew", "sinew-core", "floor", "floor-in-place", "floor-fresh", "hugo", "cobalt", "zola"]
CASES = ["fresh", "rebuild"]
CASE_TITLES = {
    "fresh": "Full build, fresh: no output folder and no hidden working folder, as on a clean clone",
    "rebuild": "Full build, run again over its existing output",
}
FLOOR_NOTES = {
    "floor": "read + parse + write (`fs::write`), no templates",
    "floor-in-place": "the same, but overwriting without O_TRUNC (write, then set_len)",
    "floor-fresh": "the same, creating every folder and file (no output folder before)",
}
# Which floors sinew is compared with in each case.
FLOORS = {"rebuild": ["floor", "floor-in-place"], "fresh": ["floor-fresh"]}
SINEW_PHASES = ["load", "link", "parse", "render", "search", "write", "swap", "sync"]
MB_PER_MIB = 1.048576


def fmt_s(x):
    return f"{x:.3f}" if x < 10 else f"{x:.2f}"


def ratio(x):
    """A ratio for the targets table: three decimals below 1, so that rounding never shows
    a value equal to the target it misses (0.155x, not 0.15x, against <= 0.15x)."""
    if x is None:
        return ""
    return f"{x:.3f}x" if x < 1 else f"{x:.2f}x"


def pages_label(n):
    return f"{int(n):,} pages"


def normalise(raw):
    """JSON turns the integer keys into strings: back to integers (the sample site stays)."""
    raw = dict(raw)
    raw["builds"] = {int(k): v for k, v in (raw.get("builds") or {}).items()}
    raw["dev"] = {(k if k == "sample" else int(k)): v for k, v in (raw.get("dev") or {}).items()}
    raw["hashes"] = {int(k): v for k, v in (raw.get("hashes") or {}).items()}
    return raw


class Medians:
    """Median wall time and highest peak RSS per (pages, case, tool)."""

    def __init__(self, builds):
        self.wall, self.rss, self.runs, self.warmup = {}, {}, {}, {}
        for n, cases in builds.items():
            for case, res in cases.items():
                for tool in TOOLS:
                    if tool + "_warmup" in res:
                        self.warmup[(n, case, tool)] = res[tool + "_warmup"]["wall"]
                    runs = res.get(tool)
                    if not runs:
                        continue
                    key = (n, case, tool)
                    self.runs[key] = runs
                    self.wall[key] = statistics.median(r["wall"] for r in runs)
                    self.rss[key] = max(r["rss_kib"] for r in runs) / 1024

    def has(self, *key):
        return key in self.wall

    def ratio(self, a, b):
        """wall(a) / wall(b), or None when either is missing."""
        if a in self.wall and b in self.wall and self.wall[b] > 0:
            return self.wall[a] / self.wall[b]
        return None

    def phase_ms(self, n, case, phase):
        """sinew's median self-timed `phase` (from `--timings`), or None when a run lacks it."""
        runs = self.runs.get((n, case, "sinew")) or []
        values = [r[phase] for r in runs if phase in r]
        return statistics.median(values) if values and len(values) == len(runs) else None

    def sync_ms(self, n, case):
        """sinew's median self-timed sync before the swap, or None when it does not print one."""
        runs = self.runs.get((n, case, "sinew")) or []
        values = [r["sync"] for r in runs if "sync" in r]
        return statistics.median(values) if values and len(values) == len(runs) else None


class Targets:
    """The targets table: one row per target, with the margin to the target."""

    def __init__(self):
        self.rows = []

    def add(self, name, value, shown, target, limit):
        """`value` is compared with `limit` (at most); `shown` is how the value is printed."""
        if value is None:
            self.rows.append((name, "not measured", target, "-", ""))
            return
        met = value <= limit
        over = value / limit - 1
        margin = f"{-over * 100:.0f}% below" if met else f"**{over * 100:.0f}% above**"
        self.rows.append((name, shown, target, "met" if met else "**not met**", margin))

    def info(self, name, shown, target="reported"):
        self.rows.append((name, shown, target, "-", ""))

    def lines(self):
        out = ["| measure | value | target | met | margin |", "|---|---:|---:|:-:|---:|"]
        out += [f"| {' | '.join(r)} |" for r in self.rows]
        return out


def report(raw, brief=False, level=3):
    """The Markdown report of one run: in full, or `brief` (the header, the targets, the
    build tables and dev mode) for the project's README. `level` is the depth of its
    headings."""
    raw = normalise(raw)
    h = "#" * level
    m = raw["machine"]
    lines = []
    w = lines.append
    w(f"Machine: {m['cpu']}, {m['cores']} cores, {m['mem']}, Linux {m['kernel']}, "
      f"{m['fs'] or 'unknown'} file system. Date: {raw.get('date', 'unknown')}.  ")
    w("Tools: " + "; ".join(f"{k}: {x}" for k, x in raw["versions"].items() if x) + ".  ")
    large = raw.get("large")
    runs_text = f"{raw['runs']} measured run{'s' if raw['runs'] != 1 else ''} per tool and case"
    if large:
        runs_text += f", {raw['large_runs']} at {int(large):,} pages"
    warm = "rebuilds, and fresh builds at the --large size," if large else "rebuilds"
    w(f"Command: `{raw['command']}` ({runs_text}; {warm} after one warm-up round; "
      f"tools run alternately, in reverse order every other round"
      f"{' (but the --large rebuilds: each tool' + chr(39) + 's warm-up and measured rounds back to back)' if raw.get('large_rebuilds') == 'tool by tool' else ''}; "
      f"medians; whole run {raw['elapsed'] / 60:.1f} min).")
    w("")
    med = Medians(raw["builds"])
    sizes = sorted(n for n in raw["builds"] if n != large)
    ref = 10000 if 10000 in sizes else (sizes[-1] if sizes else None)
    small = sizes[0] if sizes else None
    dev = raw.get("dev") or {}

    w(f"{h} Targets (issue 20)")
    w("")
    lines += targets_issue20(med, ref, large, dev).lines()
    w("")
    w("Earlier targets (issue 6), still tracked:")
    w("")
    lines += targets_issue6(med, ref, small, dev).lines()
    lines += targets_issue16(med, ref, dev, raw.get("search_query")).lines()
    w("")
    for case in CASES:
        build_table(w, h, med, raw["builds"], sizes, case)
    busiest = max((statistics.median(r.get("others", 0) for r in runs)
                   for runs in med.runs.values()), default=0)
    w("`other load`: median CPU cores used in user space by other processes during the runs "
      "(from /proc/stat, less the child's own user time); near 0 means a quiet machine." +
      (" **The machine was busy during some runs: treat these numbers with care.**"
       if busiest > 0.2 else ""))
    w("")
    if not brief:
        sync_table(w, h, med, sorted(raw["builds"]))
        floors_table(w, h, med, sorted(raw["builds"]))
    if large:
        large_table(w, h, med, large, ref)
    if not brief:
        ratios_table(w, med, sorted(raw["builds"]), small, ref)
    if dev:
        dev_table(w, h, dev)
    if brief:
        return "\n".join(lines) + "\n"
    w("Corpus hashes (bench/gen.py, seed fixed): " + "; ".join(
        f"{int(n):,} pages: " + ", ".join(f"{k} `{h[:12]}`" for k, h in hs.items())
        for n, hs in sorted(raw["hashes"].items())))
    for n in raw.get("notes", []):
        w("")
        w(f"Note: {n}")
    return "\n".join(lines) + "\n"


def targets_issue20(med, ref, large, dev):
    t = Targets()
    if ref is None:
        return t
    at = f", {pages_label(ref)}"
    # Issue 20's targets are for the core build: the search index is its own row (issue
    # 16's targets, below): the `sinew-core` row (sinew built without it) when measured,
    # otherwise sinew's wall time less its self-timed search phase.
    for case, tool, limit in [("fresh", "hugo", 0.33), ("fresh", "cobalt", 0.5), ("rebuild", "hugo", 0.15)]:
        x = med.ratio((ref, case, "sinew"), (ref, case, tool))
        search = med.phase_ms(ref, case, "search")
        if med.has(ref, case, "sinew-core"):
            # Measured: sinew built without its search feature.
            x = med.ratio((ref, case, "sinew-core"), (ref, case, tool))
        elif x is not None and search is not None:
            core = med.wall[(ref, case, "sinew")] - search / 1000
            x = core / med.wall[(ref, case, tool)]
        t.add(f"{case}: sinew's core build (without its search index) / {tool.capitalize()}{at}",
              x, ratio(x), f"<= {limit}x", limit)
    sync = med.sync_ms(ref, "rebuild")
    if med.has(ref, "rebuild", "sinew"):
        wall = med.wall[(ref, "rebuild", "sinew")] * 1000
        t.info(f"rebuild: of which sinew's sync to disk before the swap{at}",
               f"{sync:.0f} ms ({sync / wall * 100:.0f}% of the build)" if sync is not None
               else "n/a (`--timings` prints no sync line)")
    # The memory target is the core build's (`sinew-core`: sinew without its search
    # feature); the figure with the search index is shown beside it.
    def peak_of(n, tool):
        peaks = [med.rss[(n, c, tool)] for c in CASES if (n, c, tool) in med.rss]
        return max(peaks) if peaks else None

    def mb(peak):
        return f"{peak * MB_PER_MIB:.1f} MB ({peak:.0f} MiB)" if peak is not None else ""
    core = peak_of(ref, "sinew-core")
    t.add(f"sinew peak memory, fresh and rebuild, core build (without the search index){at}",
          core * MB_PER_MIB if core is not None else None,
          mb(core) if core is not None else "not measured (no `sinew-core` binary)", "<= 100 MB", 100)
    peak = peak_of(ref, "sinew")
    t.info(f"sinew peak memory, fresh and rebuild, search index included{at}", mb(peak), "reported")
    r = (dev.get(ref) or {}).get("sinew") or {}
    quick = (dev.get(ref) or {}).get("sinew-quick") or {}
    first = quick.get("first_page_ms")
    t.add(f"`sinew serve`: start to first page{at}, sources unchanged since the last "
          f"start (quick start: bench/README.md says why the target is read here)", first,
          f"{first:.0f} ms" if first is not None else "not measured", "<= 300 ms", 300)
    cold = r.get("first_page_ms")
    t.info(f"`sinew serve`: start to first page{at}, nothing kept (cold: every page built first)",
           f"{cold:.0f} ms" if cold is not None else "", "reported")
    lat = r.get("latencies_ms")
    x = statistics.median(lat) if lat else None
    t.add(f"`sinew serve`: save to served{at} (median)", x,
          f"{x:.1f} ms" if x is not None else "", "<= 30 ms", 30)
    if large:
        at_large = f"{pages_label(large)} / {int(ref):,}"
        note = "" if (large, ref) == (100000, 10000) else " (the target is for 100,000 / 10,000)"
        for case in CASES:
            tool = "sinew-core" if (large, case, "sinew-core") in med.wall else "sinew"
            what = "sinew's core build" if tool == "sinew-core" else "sinew"
            x = med.ratio((large, case, tool), (ref, case, tool))
            t.add(f"{case}: {what} time, {at_large}{note}", x, ratio(x),
                  "<= 11x", 11)
        core = peak_of(large, "sinew-core")
        t.add(f"sinew peak memory, fresh and rebuild, core build, {pages_label(large)}",
              core * MB_PER_MIB if core is not None else None,
              mb(core) if core is not None else "not measured (no `sinew-core` binary)", "<= 400 MB", 400)
        peak = peak_of(large, "sinew")
        t.info(f"sinew peak memory, fresh and rebuild, search index included, {pages_label(large)}",
               mb(peak) if peak is not None else
               "not measured: the search index alone took over 17 min and 7 GB (bench/RESULTS.md)",
               "reported")
    else:
        t.info("100,000 pages: time 100k / 10k and peak memory",
               "not measured (`bench/run --large`)", "<= 11x, <= 400 MB")
    return t


def targets_issue6(med, ref, small, dev):
    t = Targets()
    if ref is None:
        return t
    at = f", {pages_label(ref)}"
    for fl in FLOORS["rebuild"]:
        x = med.ratio((ref, "rebuild", "sinew"), (ref, "rebuild", fl))
        t.add(f"rebuild: sinew / {fl}{at}", x, ratio(x), "<= 2x", 2)
    if small != ref:
        x = med.ratio((ref, "rebuild", "sinew"), (small, "rebuild", "sinew"))
        t.add(f"rebuild: sinew {int(ref):,} / {int(small):,} pages", x,
              ratio(x), "<= 12x", 12)
    r = (dev.get("sample") or {}).get("sinew") or {}
    lat = r.get("latencies_ms")
    x = statistics.median(lat) if lat else None
    t.add("`sinew serve`: save to served, sample site (median)", x,
          f"{x:.1f} ms" if x is not None else "", "<= 30 ms", 30)
    return t


def targets_issue16(med, ref, dev, query=None):
    """Site search: the index beside the core build, and how far behind `sinew serve`'s runs."""
    t = Targets()
    at = f", {pages_label(ref)}" if ref is not None else ""
    for case in CASES if ref is not None else []:
        search = med.phase_ms(ref, case, "search")
        if search is None or not med.has(ref, case, "sinew"):
            continue
        core = med.wall[(ref, case, "sinew")] * 1000 - search
        t.add(f"{case}: sinew's search index / the rest of the build{at}", search / core,
              f"{search:.0f} ms / {core:.0f} ms = {ratio(search / core)}",
              "<= 1x (the index at most doubles the build)", 1)
    for n, q in sorted((query or {}).items(), key=lambda kv: int(kv[0])):
        qat = f", {pages_label(int(n))}"
        if not q:
            t.add(f"a search after the first, in headless Chromium{qat} (median)", None, "",
                  "<= 100 ms", 100)
            continue
        t.add(f"a search after the first, in headless Chromium{qat} (median of {q['queries'] - 1})",
              q["query_ms_median"], f"{q['query_ms_median']} ms (max {q['query_ms_max']} ms)",
              "<= 100 ms", 100)
        t.add(f"downloaded by the first search, gzipped{qat}", q["first_search_kb"],
              f"{q['first_search_kb']} KB ({q['downloaded_kb']} KB for all {q['queries']})",
              "<= 300 KB", 300)
        t.info(f"the first search (script, WebAssembly, page list, first chunk){qat}",
               f"{q['first_search_ms']} ms")
    r = (dev.get(ref) or {}).get("sinew") or {}
    lag = r.get("index_lag_ms")
    x = statistics.median(lag) if lag else None
    t.info(f"`sinew serve`: save to the new search index served{at} (median)",
           f"{x:.0f} ms" if x is not None else "not measured", "runs behind, never delays a page")
    return t


def sinew_note(runs):
    parts = [p for p in SINEW_PHASES if runs and all(p in r for r in runs)]
    if not parts:
        return ""
    return "self-timed: " + ", ".join(
        f"{p} {statistics.median(r[p] for r in runs):.0f}" for p in parts) + " ms"


def build_table(w, h, med, builds, sizes, case):
    w(f"{h} {CASE_TITLES[case]}")
    w("")
    w("| pages | tool | median wall | min - max | peak RSS | output files | other load | notes |")
    w("|---:|---|---:|---:|---:|---:|---:|---|")
    for n in sizes:
        res = builds[n].get(case) or {}
        for tool in TOOLS:
            runs = res.get(tool)
            if not runs:
                continue
            walls = [r["wall"] for r in runs]
            note = sinew_note(runs) if tool == "sinew" else FLOOR_NOTES.get(tool, "")
            others = statistics.median(r.get("others", 0) for r in runs)
            w(f"| {int(n):,} | {tool} | {fmt_s(med.wall[(n, case, tool)])} s | "
              f"{fmt_s(min(walls))} - {fmt_s(max(walls))} | {med.rss[(n, case, tool)]:.0f} MiB | "
              f"{res.get(tool + '_files', '')} | {others:.2f} | {note} |")
    w("")


def sync_table(w, h, med, sizes):
    w(f"{h} sinew: syncing to disk before the swap")
    w("")
    w("| pages | case | sync (median, self-timed) | share of sinew's build |")
    w("|---:|---|---:|---:|")
    for n in sizes:
        for case in CASES:
            if not med.has(n, case, "sinew"):
                continue
            s = med.sync_ms(n, case)
            if s is None:
                w(f"| {int(n):,} | {case} | n/a | |")
            else:
                share = s / (med.wall[(n, case, 'sinew')] * 1000) * 100
                w(f"| {int(n):,} | {case} | {s:.0f} ms | {share:.0f}% |")
    w("")
    w("From the `sync` line of `sinew build --timings`; \"n/a\" when this build prints none.")
    w("")


def floors_table(w, h, med, sizes):
    w(f"{h} sinew against the floors")
    w("")
    w("| pages | case | floor program | floor time | sinew time | sinew / floor |")
    w("|---:|---|---|---:|---:|---:|")
    for n in sizes:
        for case in CASES:
            for fl in FLOORS[case]:
                x = med.ratio((n, case, "sinew"), (n, case, fl))
                if x is None:
                    continue
                w(f"| {int(n):,} | {case} | {fl} | {fmt_s(med.wall[(n, case, fl)])} s | "
                  f"{fmt_s(med.wall[(n, case, 'sinew')])} s | {x:.2f}x |")
    w("")
    w("`floor` and `floor-in-place` overwrite the previous output (with and without O_TRUNC); "
      "`floor-fresh` creates every file in a new folder. All three read, parse and write the "
      "Markdown pages on one thread with no templates (examples/floor.rs).")
    w("")


def large_table(w, h, med, large, ref):
    w(f"{h} {pages_label(large)} (`--large`)")
    w("")
    w(f"| tool | case | median wall | min - max | peak RSS | time, {int(large):,} / {int(ref):,} | "
      f"memory, {int(large):,} / {int(ref):,} | warm-up (not counted) |")
    w("|---|---|---:|---:|---:|---:|---:|---:|")
    for tool in TOOLS:
        for case in CASES:
            key = (large, case, tool)
            if key not in med.wall:
                continue
            walls = [r["wall"] for r in med.runs[key]]
            x = med.ratio(key, (ref, case, tool))
            mem = (f"{med.rss[key] / med.rss[(ref, case, tool)]:.1f}x"
                   if (ref, case, tool) in med.rss else "")
            warm = med.warmup.get(key)
            w(f"| {tool} | {case} | {fmt_s(med.wall[key])} s | {fmt_s(min(walls))} - "
              f"{fmt_s(max(walls))} | {med.rss[key]:.0f} MiB | "
              f"{f'{x:.2f}x' if x is not None else ''} | {mem} | "
              f"{f'{fmt_s(warm)} s' if warm is not None else ''} |")
    w("")
    w(f"The same generated pages for every tool; the {int(ref):,}-page numbers are from the "
      "same run. Cobalt is left out at this size (it has no listings or tag pages, and takes "
      "minutes). Each case has one warm-up round before the measured ones; its time is shown, "
      "not counted (bench/README.md, \"Order of the tools\").")
    w("")


def ratios_table(w, med, sizes, small, ref):
    w("| other ratios | value |")
    w("|---|---:|")
    for case in CASES:
        if small is not None and small != ref:
            for tool in TOOLS:
                x = med.ratio((ref, case, tool), (small, case, tool))
                if x is not None:
                    w(f"| {case}: {tool} {int(ref):,} / {int(small):,} pages | {x:.2f}x |")
        for n in sizes:
            for tool in ["hugo", "cobalt", "zola"]:
                x = med.ratio((n, case, "sinew"), (n, case, tool))
                if x is not None:
                    w(f"| {case}: sinew / {tool}, {int(n):,} pages | {x:.2f}x |")
    for n in sizes:
        for tool in ["sinew", "hugo", "cobalt", "zola"]:
            x = med.ratio((n, "fresh", tool), (n, "rebuild", tool))
            if x is not None:
                w(f"| {tool}: fresh / rebuild, {int(n):,} pages | {x:.2f}x |")
    w("")


def dev_table(w, h, dev):
    w(f"{h} Dev mode: from saving a page to its new content served over HTTP")
    w("")
    w("| site | server | median | min - max | edits (failed) | start to first page | peak RSS | GET on a kept-alive connection |")
    w("|---|---|---:|---:|---:|---:|---:|---:|")
    for site, per in dev.items():
        for name, r in per.items():
            label = "sample site" if site == "sample" else pages_label(site)
            name = "sinew, quick start" if name == "sinew-quick" else name
            if "skipped" in r:
                w(f"| {label} | {name} | not measured (see the note below) | | | | | |")
                continue
            lat = r["latencies_ms"]
            rss = f"{r['peak_rss_kib'] / 1024:.0f} MiB" if r.get("peak_rss_kib") else ""
            ka = f"{r['keep_alive_get_ms']:.1f} ms" if "keep_alive_get_ms" in r else ""
            if lat:
                w(f"| {label} | {name} | {statistics.median(lat):.0f} ms | {min(lat):.0f} - {max(lat):.0f} ms | "
                  f"{len(lat) + r['failed']} ({r['failed']}) | {r['first_page_ms']:.0f} ms | {rss} | {ka} |")
            else:
                w(f"| {label} | {name} | every edit failed | | {r['failed']} ({r['failed']}) | "
                  f"{r['first_page_ms']:.0f} ms | {rss} | {ka} |")
    w("")
    w("Each edit appends a line to the page's source file; the time runs from just before the "
      "write until a GET of the page's URL (polled every 2 ms, each on a new connection) returns "
      "the new text; 0.25 s pause between edits. Hugo and Cobalt serve their own copy of the same "
      "pages. The last column is the median time of one GET of that page on a kept-alive "
      "connection, as a browser makes it (40 ms there means the delayed-ACK wait of a server "
      "without TCP_NODELAY).")
    w("")


def main():
    if len(sys.argv) != 2:
        print("usage: python3 bench/report.py bench/work/raw.json", file=sys.stderr)
        return 2
    with open(sys.argv[1]) as f:
        raw = json.load(f)
    sys.stdout.write(report(raw))
    return 0


if __name__ == "__main__":
    sys.exit(main())
