#!/usr/bin/env python3
"""logmoji's benchmark: logmoji and its peers timed side by side, in one run, on the same corpora.

  bench/run.py                 # 1,000,000 lines per corpus; writes bench/RESULTS.md
  bench/run.py --lines 200000  # smaller, faster
  bench/run.py --guard         # CI regression guard: small corpus, fails only on gross regressions
  bench/run.py --huge 0        # skip the 3 GB peak-memory rows

Everything it runs is in bench/: the corpus generator (gen_corpus.py), the peers' scripts
(peers/) and the simdjson limit probe (limits/parse_all.cpp, compiled on first use). Installs
hyperfine, jq, python3-structlog and time from Debian and pino-pretty from npm when missing.
"""
import argparse, json, os, platform, shutil, subprocess, sys, tempfile

from instructions import dealt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
WORK = os.path.join(ROOT, "bench", "corpus")
PEERS = os.path.join(ROOT, "bench", ".peers")
# --no-config: a configuration file of the user running the benchmark must not change it.
LOGMOJI = os.path.join(ROOT, "build", "logmoji") + " --no-config"
BASELINE = os.path.join(ROOT, "bench", "guard_baseline.json")


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=True, check=True, **kw)


def ensure_tools(need_peers):
    apt = [p for p, exe in (("hyperfine", "hyperfine"), ("time", "/usr/bin/time"), ("jq", "jq")) if not shutil.which(exe)]
    if need_peers and subprocess.run(["/usr/bin/python3", "-c", "import structlog"], capture_output=True).returncode:
        apt.append("python3-structlog")
    if apt:
        sh("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq " + " ".join(apt) + " >/dev/null")
    os.makedirs(PEERS, exist_ok=True)
    if need_peers and not os.path.exists(os.path.join(PEERS, "node_modules", ".bin", "pino-pretty")):
        if shutil.which("npm"):
            sh(f"cd {PEERS} && npm install --silent --no-audit --no-fund pino-pretty@13 >/dev/null 2>&1")
    probe = os.path.join(PEERS, "parse_all")
    source = os.path.join(BENCH, "limits", "parse_all.cpp")
    if not os.path.exists(probe) or os.path.getmtime(probe) < os.path.getmtime(source):
        sh(f"g++ -O3 -march=x86-64-v3 -std=c++17 {source} -lsimdjson -o {probe}")
    sh(f"cd {ROOT} && ([ -f build/build.ninja ] || meson setup build >/dev/null) && meson compile -C build >/dev/null")
    return probe


def corpus(variant, lines):
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, f"{variant}-{lines}.jsonl")
    generator = os.path.join(BENCH, "gen_corpus.py")
    # A corpus made by an older generator is made again.
    if not os.path.exists(path) or os.path.getmtime(path) < os.path.getmtime(generator):
        sh(f"python3 {generator} --lines {lines} --variant {variant} > {path}.part && mv {path}.part {path}")
    return path


def hyperfine(cmd, runs, cpu=False):
    """Wall seconds (median), or with cpu=True the mean user + system seconds."""
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        sh(f"hyperfine --style none --warmup {1 if runs > 1 else 0} --runs {runs} --export-json {f.name} "
           f"{json.dumps(cmd)} >/dev/null 2>&1")
        result = json.load(open(f.name))["results"][0]
    if cpu:
        return result["user"] + result["system"]
    return result["median"] if runs > 1 else result["mean"]


def peak_rss_kb(cmd):
    out = subprocess.run(f"/usr/bin/time -f %M sh -c {json.dumps(cmd)} 2>&1 >/dev/null | tail -n1",
                         shell=True, capture_output=True, text=True).stdout.strip()
    return int(out) if out.isdigit() else 0


def measure(name, cmd, path, runs):
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        lines = sum(1 for _ in f)
    seconds = hyperfine(cmd, runs)
    return {"name": name, "cmd": cmd, "corpus": os.path.basename(path), "bytes": size, "lines": lines,
            "seconds": seconds, "mbps": size / seconds / 1e6, "lps": lines / seconds, "rss_kb": peak_rss_kb(cmd)}


def commands(args, probe):
    big = {v: corpus(v, args.lines) for v in ("foundation", "raw", "pino")}
    slow = {v: corpus(v, args.slow_lines) for v in ("foundation", "pino")}
    lm = LOGMOJI
    jq_render = os.path.join(BENCH, "peers", "render.jq")
    structlog = os.path.join(BENCH, "peers", "structlog_render.py")
    pino = os.path.join(PEERS, "node_modules", ".bin", "pino-pretty")
    # logmoji's rows run before the peers': on the machine RESULTS.md comes from, a command run
    # within about 15 s after pino-pretty (node, 100 MB of heap) took 30 % more user CPU with the
    # same page faults, and the pino row, which used to follow it, paid for it (docs/decisions.md).
    out = [
        ("logmoji pretty, colour, all cores", f"{lm} --color always {big['foundation']}", big["foundation"], 5),
        ("logmoji pretty, colour, --threads 1", f"{lm} --color always --threads 1 {big['foundation']}", big["foundation"], 3),
        ("logmoji raw events: enrich + mask", f"{lm} --color always {big['raw']}", big["raw"], 3),
        ("logmoji pretty (pino corpus, --threads 1)", f"{lm} --color always --threads 1 {big['pino']}", big["pino"], 3),
        ("logmoji -o json -l error", f"{lm} -o json -l error {big['foundation']}", big["foundation"], 5),
        ("logmoji --count", f"{lm} --count {big['foundation']}", big["foundation"], 5),
        # The corpus's lines dealt to two files in turn, merged back by time (one thread).
        ("logmoji --merge, two inputs", f"{lm} --color always --merge {' '.join(dealt(big['foundation'], 2))}",
         big["foundation"], 3),
    ]
    if args.huge:
        huge = huge_corpus(big["foundation"], args.huge)
        out.append(("logmoji pretty, 3 GB file", f"{lm} --color always {huge}", huge, 1))
        out.append(("logmoji pretty, 3 GB from a pipe", f"cat {huge} | {lm} --color always", huge, 1))
    out += [
        ("limit: cat", f"cat {big['foundation']}", big["foundation"], 5),
        ("limit: simdjson parse all", f"{probe} {big['foundation']}", big["foundation"], 3),
        ("limit: simdjson parse + key=value", f"{probe} {big['foundation']} w", big["foundation"], 3),
        ("jq select(.level==\"error\")", f"jq -c 'select(.level==\"error\")' {big['foundation']}", big["foundation"], 1),
        # The peers in the ratio targets get a median of three, like logmoji's rows: one run of
        # jq's render ran at 3.1 to 4.8 MB/s across runs of this script, which moved its ratio
        # from 85x to 129x by itself.
        ("jq render (peers/render.jq)", f"jq -r -f {jq_render} {slow['foundation']}", slow["foundation"], 3),
        ("structlog ConsoleRenderer", f"/usr/bin/python3 {structlog} < {slow['foundation']}", slow["foundation"], 3),
    ]
    if os.path.exists(pino):
        out.append(("pino-pretty (pino corpus)", f"{pino} -c=false < {slow['pino']}", slow["pino"], 3))
    return out


def huge_corpus(part, gigabytes):
    """The 1,000,000-line corpus repeated until the file holds `gigabytes` GB: peak memory must not
    grow with the input, and generating 10 million lines in Python would take minutes."""
    path = os.path.join(WORK, f"huge-{gigabytes}g.jsonl")
    if not os.path.exists(path) or os.path.getmtime(path) < os.path.getmtime(part):
        size = os.path.getsize(part)
        copies = -(-int(gigabytes * 1e9) // size)
        sh(f"for i in $(seq {copies}); do cat {part}; done > {path}.part && mv {path}.part {path}")
    return path


def machine():
    cpu = "unknown cpu"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = int(open("/proc/meminfo").readline().split()[1]) // 1024 // 1024
    return f"{cpu}, {os.cpu_count()} cores, {mem} GiB, {platform.platform()}"


def write_results(rows, args):
    ref = next(r for r in rows if r["name"].startswith("logmoji pretty, colour, all"))
    lines = ["# Benchmark results", "",
             f"One run of `bench/run.py --lines {args.lines}` on {machine()}.",
             f"Output to /dev/null. Slow peers (jq render, structlog, pino-pretty) read the first "
             f"{args.slow_lines:,} lines of the same corpora. *logmoji ×* is how many times logmoji's coloured pretty "
             "output (all cores) outpaces the row in MB/s.", "",
             "| command | corpus | MB/s | lines/s | peak RSS | logmoji × |", "|---|---|---:|---:|---:|---:|"]
    for r in rows:
        ratio = ref["mbps"] / r["mbps"]
        lines.append(f"| {r['name']} | {r['corpus']} | {r['mbps']:.1f} | {r['lps']:,.0f} | "
                     f"{r['rss_kb'] / 1024:.1f} MiB | {ratio:.2f} |")
    lines += targets(rows)
    lines += instruction_figures()
    lines += ["", "Commands:", ""] + [f"- {r['name']}: `{r['cmd'].replace(ROOT + '/', '')}`" for r in rows]
    profile = os.path.join(ROOT, "bench", "PROFILE.md")
    if os.path.exists(profile):
        lines += ["", open(profile).read().rstrip()]
    open(os.path.join(ROOT, "bench", "RESULTS.md"), "w").write("\n".join(lines) + "\n")
    json.dump(rows, open(os.path.join(ROOT, "bench", "results.json"), "w"), indent=1)


# Issue 15's targets: (what, row measured, row it is compared with or None, threshold). A ratio
# target compares MB/s of the two rows. Peers run on one core, so logmoji's side of a peer ratio
# is its one-thread row: the comparison is per core.
TARGETS = [
    ("pretty, colour, 1 thread >= 300 MB/s", "logmoji pretty, colour, --threads 1", None, 300),
    ("pretty, colour, all cores >= 1.8x one thread", "logmoji pretty, colour, all cores",
     "logmoji pretty, colour, --threads 1", 1.8),
    ("-o json -l error >= 1000 MB/s (two threads)", "logmoji -o json -l error", None, 1000),
    ("--count >= 1000 MB/s (two threads)", "logmoji --count", None, 1000),
    (">= 100x jq's rendering (one thread)", "logmoji pretty, colour, --threads 1", "jq render (peers/render.jq)", 100),
    (">= 100x pino-pretty (pino corpus, one thread)", "logmoji pretty (pino corpus, --threads 1)",
     "pino-pretty (pino corpus)", 100),
    (">= 20x structlog (one thread)", "logmoji pretty, colour, --threads 1", "structlog ConsoleRenderer", 20),
]
# Peak RSS bounds (row, MiB).
RSS_TARGETS = [
    ("logmoji pretty, 3 GB file", 64),
    ("logmoji pretty, 3 GB from a pipe", 64),
]


def targets(rows):
    by_name = {r["name"]: r for r in rows}
    out = ["", "## Targets", "", "| target | measured | met |", "|---|---:|---|"]
    for what, name, other, threshold in TARGETS:
        if name not in by_name or (other and other not in by_name):
            out.append(f"| {what} | not measured | - |")
            continue
        value = by_name[name]["mbps"] / (by_name[other]["mbps"] if other else 1)
        shown = f"{value:.1f} MB/s" if not other else f"{value:.2f}x"
        out.append(f"| {what} | {shown} | {'yes' if value >= threshold else 'no'} |")
    for name, mib in RSS_TARGETS:
        if name in by_name:
            rss = by_name[name]["rss_kb"] / 1024
            out.append(f"| {name}: peak RSS < {mib} MiB | {rss:.1f} MiB | {'yes' if rss < mib else 'no'} |")
        else:
            out.append(f"| {name}: peak RSS < {mib} MiB | not measured | - |")
    return out


def instruction_figures():
    """bench/instructions.py's table (callgrind, deterministic) beside the timings."""
    run = subprocess.run([sys.executable, os.path.join(BENCH, "instructions.py")], capture_output=True, text=True)
    if run.returncode:
        return ["", "## Instructions per line", "", f"not measured: {run.stderr.strip()}"]
    return ["", "## Instructions per line (callgrind, bench/instructions.py)", "",
            "20,000 lines per corpus, `--threads 1`; *committed* is bench/instructions.json, which CI "
            "checks with a 10 % tolerance.", "", *run.stdout.strip().splitlines()]


def guard(probe):
    """Fails only when logmoji got grossly slower relative to the limit probe on this machine.

    CPU seconds, not wall: on a machine shared with other jobs the wall time of either command
    depends on who else runs, while the work each does stays put."""
    path = corpus("foundation", 100000)
    lm = hyperfine(f"{LOGMOJI} --color always --threads 1 {path}", 5, cpu=True)
    base = hyperfine(f"{probe} {path} w", 5, cpu=True)
    ratio = lm / base
    committed = json.load(open(BASELINE))["ratio"]
    limit = 3 * committed
    ok = ratio <= limit
    print(f"logmoji {lm:.3f} s, probe {base:.3f} s of CPU: ratio {ratio:.2f} "
          f"(committed {committed:.2f}, fails above {limit:.2f})")
    print(f"{int(ok)} passed, {int(not ok)} failed")
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--lines", type=int, default=1_000_000)
    p.add_argument("--slow-lines", type=int, default=100_000)
    p.add_argument("--guard", action="store_true")
    p.add_argument("--huge", type=float, default=3.0, help="GB of the peak-memory corpus (0: skip those rows)")
    args = p.parse_args()
    probe = ensure_tools(need_peers=not args.guard)
    if args.guard:
        return guard(probe)
    rows = []
    for name, cmd, path, runs in commands(args, probe):
        print(f"{name} ...", file=sys.stderr, flush=True)
        rows.append(measure(name, cmd, path, runs))
    write_results(rows, args)
    print(open(os.path.join(ROOT, "bench", "RESULTS.md")).read())
    return 0


if __name__ == "__main__":
    sys.exit(main())
