#!/usr/bin/env python3
"""Instructions per line under callgrind: the benchmark's deterministic half.

  bench/instructions.py            # measures the seven rows, prints a table
  bench/instructions.py --check    # fails when a row is more than 10 % above bench/instructions.json
  bench/instructions.py --update   # writes the measured figures into bench/instructions.json

Wall-clock timings depend on the machine and on who else runs on it; the number of instructions
a run executes does not (valgrind reports the same CPU to the program everywhere, so simdjson
picks the same kernel). Each row runs the release build with `--no-config --threads 1`, output to
/dev/null, over 20,000 lines of a `gen_corpus.py` variant; the figure is the total instruction
count (start-up included) divided by the number of lines.
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
FIGURES = os.path.join(BENCH, "instructions.json")
LINES = 20000
TOLERANCE = 1.10

def as_is(path):
    return [path]


def dealt_to_two(path):
    return dealt(path, 2)


def in_cri(path):
    return [cri_lines(path)]


def in_docker(path):
    return [docker_records(path)]


def in_journald(path):
    return [journald_records(path)]


# (row name, corpus variant, logmoji arguments before the files, the files made of the corpus)
ROWS = [
    ("pretty, colour, foundation corpus", "foundation", ["--color", "always"], as_is),
    ("pretty, colour, pino corpus", "pino", ["--color", "always"], as_is),
    ("pretty, colour, raw corpus", "raw", ["--color", "always"], as_is),
    ("--count", "foundation", ["--count"], as_is),
    ("-o json -l error", "foundation", ["-o", "json", "-l", "error"], as_is),
    # The corpus's lines dealt to two files in turn: --merge reads them back in time order.
    ("--merge, two inputs, pretty", "foundation", ["--merge", "--color", "always"], dealt_to_two),
    # Each line in a CRI record (/var/log/pods): the envelope stage, then its event.
    ("pretty, CRI records of the raw corpus", "raw", ["--color", "always"], in_cri),
    # Each line in a Docker json-file record: its log unescaped out of the record, then parsed.
    ("pretty, Docker records of the raw corpus", "raw", ["--color", "always"], in_docker),
    # Each line as the MESSAGE of a `journalctl -o json` record, with the journal's usual fields.
    ("pretty, journald records of the raw corpus", "raw", ["--color", "always"], in_journald),
]


def corpus(variant, workdir):
    path = os.path.join(workdir, f"{variant}-{LINES}.jsonl")
    if not os.path.exists(path):
        with open(path + ".part", "wb") as out:
            subprocess.run([sys.executable, os.path.join(BENCH, "gen_corpus.py"), "--lines", str(LINES),
                            "--variant", variant], stdout=out, check=True)
        os.replace(path + ".part", path)
    return path


def dealt(path, parts):
    """The corpus's lines dealt to `parts` files in turn."""
    names = [f"{path[:-len('.jsonl')]}.{k + 1}-of-{parts}.jsonl" for k in range(parts)]
    if not all(os.path.exists(n) and os.path.getmtime(n) >= os.path.getmtime(path) for n in names):
        outs = [open(n + ".part", "wb") for n in names]
        with open(path, "rb") as f:
            for i, line in enumerate(f):
                outs[i % parts].write(line)
        for out, n in zip(outs, names):
            out.close()
            os.replace(n + ".part", n)
    return names


def cri_lines(path):
    """The corpus's lines as containerd writes them: TIME STREAM F LINE."""
    name = f"{path[:-len('.jsonl')]}.cri.log"
    if not os.path.exists(name) or os.path.getmtime(name) < os.path.getmtime(path):
        with open(path, "rb") as f, open(name + ".part", "wb") as out:
            for line in f:
                out.write(b"2025-06-01T12:00:00.000000Z stdout F " + line)
        os.replace(name + ".part", name)
    return name


def docker_records(path):
    """The corpus's lines as Docker's json-file driver writes them (Go's encoding/json: UTF-8 as
    it is, <, > and & escaped)."""
    name = f"{path[:-len('.jsonl')]}.docker.jsonl"
    if not os.path.exists(name) or os.path.getmtime(name) < os.path.getmtime(path):
        with open(path, encoding="utf-8") as f, open(name + ".part", "w", encoding="utf-8") as out:
            for line in f:
                log = json.dumps(line, ensure_ascii=False)
                log = log.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                out.write('{"log":%s,"stream":"stdout","time":"2025-06-01T12:00:00.000000000Z"}\n' % log)
        os.replace(name + ".part", name)
    return name


def journald_records(path):
    """The corpus's lines as `journalctl -o json` shows what an application wrote to its stdout
    under systemd: the line in MESSAGE, beside the fields the journal adds (all strings)."""
    name = f"{path[:-len('.jsonl')]}.journald.jsonl"
    if not os.path.exists(name) or os.path.getmtime(name) < os.path.getmtime(path):
        with open(path, encoding="utf-8") as f, open(name + ".part", "w", encoding="utf-8") as out:
            for i, line in enumerate(f):
                record = {
                    "__CURSOR": f"s=6c1f0e2d;i={i:x};b=9d1b2c3d;m={i * 7:x};t={i * 13:x};x=1a2b",
                    "__REALTIME_TIMESTAMP": str(1748779200000000 + i * 1000),
                    "__MONOTONIC_TIMESTAMP": str(5000000 + i),
                    "_BOOT_ID": "9d1b2c3d4e5f60718293a4b5c6d7e8f9",
                    "PRIORITY": "6", "_UID": "1000", "_GID": "1000", "_COMM": "app",
                    "_EXE": "/usr/bin/app", "_CMDLINE": "/usr/bin/app --serve",
                    "_SYSTEMD_UNIT": "app.service", "_TRANSPORT": "stdout", "SYSLOG_IDENTIFIER": "app",
                    "_PID": "4242", "_HOSTNAME": "box", "MESSAGE": line.rstrip("\n"),
                }
                out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        os.replace(name + ".part", name)
    return name


def instructions(binary, args, paths):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", binary, "--no-config",
               "--threads", "1", *args, *paths]
        with open(os.devnull, "wb") as null:
            run = subprocess.run(cmd, stdout=null, stderr=subprocess.PIPE, text=True)
        # --count exits 0; a selection that selects nothing would exit 1: both are runs that worked.
        if run.returncode not in (0, 1):
            sys.exit(f"instructions.py: {' '.join(cmd)} failed ({run.returncode}):\n{run.stderr[-2000:]}")
        with open(out) as f:
            for line in f:
                m = re.match(r"(?:summary|totals):\s+(\d+)", line)
                if m:
                    return int(m.group(1))
    sys.exit("instructions.py: callgrind wrote no total")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=os.path.join(ROOT, "build", "logmoji"))
    p.add_argument("--workdir", default=os.path.join(BENCH, "corpus"))
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--update", action="store_true")
    a = p.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("instructions.py: valgrind is not installed (apt-get install valgrind)")
    os.makedirs(a.workdir, exist_ok=True)
    committed = json.load(open(FIGURES))["rows"] if os.path.exists(FIGURES) else {}
    measured, failed = {}, 0
    print(f"| row | instructions per line | committed | change |\n|---|---:|---:|---:|")
    for name, variant, args, files in ROWS:
        per_line = round(instructions(a.binary, args, files(corpus(variant, a.workdir))) / LINES)
        measured[name] = per_line
        old = committed.get(name)
        change = f"{(per_line / old - 1) * 100:+.1f} %" if old else "-"
        print(f"| {name} | {per_line:,} | {f'{old:,}' if old else '-'} | {change} |", flush=True)
        if a.check and old and per_line > old * TOLERANCE:
            print(f"instructions.py: '{name}' regressed: {per_line:,} > {old:,} + 10 %", file=sys.stderr)
            failed += 1
    if a.update:
        json.dump({"what": f"instructions per line (callgrind total / {LINES} lines), bench/instructions.py",
                   "rows": measured}, open(FIGURES, "w"), indent=1)
        open(FIGURES, "a").write("\n")
    if a.check:
        print(f"{len(ROWS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
