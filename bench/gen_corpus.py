#!/usr/bin/env python3
"""Writes a reproducible JSON-lines log corpus to standard output.

  bench/gen_corpus.py --lines 1000000 --variant foundation > foundation.jsonl

The events come from a made-up shop backend (an API, its database, workers, a payment client),
so the corpus has what real logs have: a few loggers, mostly info with some warnings and errors,
10 to 25 fields of mixed types, nested objects and arrays, non-ASCII text, quotes and escapes,
the event-set keys foundation decorates (domain/action/status, http.*), the odd secret for the
masking stage and the odd multi-line traceback. Variants differ in layout only:

  foundation  what provide.foundation's JSON formatter prints: the message already carries the
              logger emoji, no logger_name, `", "` / `": "` separators, UTF-8 kept
  raw         the same events before enrichment: logger_name first, no emoji
  pino        pino's layout: numeric level, epoch-millisecond time, pid, hostname, name, msg
  bunyan      bunyan's layout: name, hostname, pid, numeric level, msg, ISO time, v

--mixed replaces about 2% of the lines by plain text (start-up banners, a stray traceback).
The bytes depend only on the arguments: the same command gives the same file on any machine.
"""
import argparse
import json
import random
import sys
import time

SERVICES = ["api", "db", "worker", "payments", "auth", "search", "mailer", "scheduler", "cache", "edge"]
PARTS = ["http", "pool", "queue", "client", "core"]
# Weights, not a distribution fit: roughly what a busy service at info level prints.
LEVELS = [("trace", 2), ("debug", 8), ("info", 62), ("warning", 15), ("error", 10), ("critical", 3)]
NUMERIC_LEVEL = {"trace": 10, "debug": 20, "info": 30, "warning": 40, "error": 50, "critical": 60}
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "to", "za", "vé", "çu", "ñe", "東", "京", "✓"]
TAGS = ["eu-west", "canary", "blue", "green", "retry", "cold-start", "batch", "priority", "βeta"]
STATES = ["success", "failure", "complete", "retry", "timeout", "ready", "error", "attempt", "started"]

# Each scenario: the message, then (field, kind) pairs. Kinds are drawn by FIELD_MAKERS below.
SCENARIOS = [
    ("Request handled", [("http.method", "method"), ("http.status_code", "status"), ("http.target", "path"),
                         ("duration_ms", "ms"), ("request_id", "id"), ("client", "ip")]),
    ("Query executed", [("db.system", "dbsys"), ("db.statement", "sql"), ("rows", "count"), ("duration_ms", "ms")]),
    ("Job finished", [("job", "word"), ("attempt", "small"), ("queue", "word"), ("result", "obj")]),
    ("Payment authorised", [("order_id", "id"), ("amount", "money"), ("currency", "currency"), ("card", "card")]),
    ("User signed in", [("user_id", "id"), ("domain", "=auth"), ("action", "=login"), ("status", "state")]),
    ("Cache miss", [("key", "path"), ("ttl_s", "small"), ("hit_ratio", "ratio")]),
    ("Connection reset by peer", [("peer", "ip"), ("retries", "small"), ("error", "text")]),
    ("Slow request detected", [("http.method", "method"), ("http.target", "path"), ("duration_ms", "ms"),
                               ("threshold_ms", "small")]),
    ("Configuration reloaded", [("changed", "list"), ("source", "path"), ("valid", "bool")]),
    ("Rate limit approaching", [("current", "count"), ("limit", "count"), ("window", "word")]),
    ("Message sent", [("domain", "=network"), ("action", "=send"), ("status", "state"), ("bytes", "count")]),
    ("Index rebuilt in background", [("documents", "count"), ("shards", "list"), ("took", "ms")]),
]
SECRETS = ["token=tk_{}", "password: {}", "--api-key {}", "DB_PASSWORD={}"]


class Draw:
    """The random choices, in one place, so every variant sees the same event sequence."""

    def __init__(self, seed):
        self.r = random.Random(seed)
        self.level_names = [name for name, _ in LEVELS]
        self.level_weights = [weight for _, weight in LEVELS]

    def pick(self, items):
        return items[self.r.randrange(len(items))]

    def word(self):
        return "".join(self.pick(SYLLABLES) for _ in range(self.r.randint(2, 4)))

    def sentence(self):
        return " ".join(self.word() for _ in range(self.r.randint(3, 9)))

    def level(self):
        return self.r.choices(self.level_names, self.level_weights)[0]


def _path(d):
    return "/" + "/".join(d.word() for _ in range(d.r.randint(1, 3))) + f"?page={d.r.randint(1, 50)}"


FIELD_MAKERS = {
    "method": lambda d: d.pick(["GET", "POST", "PUT", "DELETE", "PATCH"]),
    "status": lambda d: d.pick([200, 200, 200, 201, 204, 301, 400, 404, 429, 500, 503]),
    "path": _path,
    "ms": lambda d: round(d.r.lognormvariate(3, 1.2), 3),
    "id": lambda d: f"{d.r.getrandbits(48):012x}",
    "ip": lambda d: ".".join(str(d.r.randint(1, 254)) for _ in range(4)),
    "dbsys": lambda d: d.pick(["postgresql", "mysql", "sqlite", "redis"]),
    "sql": lambda d: f"SELECT * FROM {d.word()} WHERE id = ${d.r.randint(1, 3)} AND name = '{d.word()}'",
    "count": lambda d: d.r.randint(0, 250000),
    "small": lambda d: d.r.randint(0, 12),
    "word": lambda d: d.word(),
    "obj": lambda d: {"ok": d.r.random() < 0.9, "items": d.r.randint(0, 500), "note": d.sentence()},
    "money": lambda d: round(d.r.uniform(0.5, 900), 2),
    "currency": lambda d: d.pick(["EUR", "USD", "JPY", "GBP"]),
    "card": lambda d: {"brand": d.pick(["visa", "amex"]), "last4": f"{d.r.randint(0, 9999):04d}"},
    "state": lambda d: d.pick(STATES),
    "ratio": lambda d: round(d.r.random(), 4),
    "text": lambda d: d.sentence(),
    "list": lambda d: [d.pick(TAGS) for _ in range(d.r.randint(1, 5))],
    "bool": lambda d: d.r.random() < 0.5,
}
# Background context fields (host, version, a trace id...) that most real events carry.
CONTEXT = [("host", lambda d: f"node-{d.r.randint(1, 40):02d}"), ("version", lambda d: "2.14.1"),
           ("trace_id", lambda d: f"{d.r.getrandbits(128):032x}"), ("region", lambda d: d.pick(TAGS)),
           ("tenant", lambda d: d.word()), ("thread", lambda d: d.r.randint(1, 64)),
           ("latency_p99", lambda d: round(d.r.uniform(1, 900), 3)), ("flags", lambda d: FIELD_MAKERS["list"](d)),
           ("deprecated", lambda d: None), ("note", lambda d: d.sentence()),
           ("quoted", lambda d: 'said "no" \\ then\ttab'), ("labels", lambda d: {"team": d.word(), "tier": d.r.randint(1, 3)})]


def event_fields(d, scenario):
    """The call's own fields (what an application passes to the logger), in call order."""
    fields = {}
    for key, make in d.r.sample(CONTEXT, d.r.randint(2, 6)):
        fields[key] = make(d)
    for key, kind in scenario[1]:
        fields[key] = kind[1:] if kind.startswith("=") else FIELD_MAKERS[kind](d)
    return fields


def make_event(d, index):
    """One event as (logger, level, message, fields, epoch microseconds)."""
    scenario = d.pick(SCENARIOS)
    level = d.level()
    logger = f"{d.pick(SERVICES)}.{d.pick(PARTS)}"
    message = scenario[0]
    fields = event_fields(d, scenario)
    if d.r.random() < 0.01:
        message += " with " + d.pick(SECRETS).format(d.word())
    if level in ("error", "critical") and d.r.random() < 0.05:
        fields["exception"] = ("Traceback (most recent call last):\n"
                               f'  File "shop/{d.word()}.py", line {d.r.randint(10, 900)}, in handle\n'
                               f"    raise ValueError(order)\nValueError: order {index} rejected")
    micros = 1_748_779_200_000_000 + index * 13_700  # 2025-06-01 12:00 UTC, 73 events a second
    return logger, level, message, fields, micros


def clock(micros, sep=" ", digits=6):
    """foundation's `YYYY-MM-DD HH:MM:SS.ffffff` (UTC here), or ISO 8601 with sep="T"."""
    whole, fraction = divmod(micros, 1_000_000)
    return time.strftime(f"%Y-%m-%d{sep}%H:%M:%S", time.gmtime(whole)) + f".{fraction:06d}"[:digits + 1]


def layout_foundation(logger, level, message, fields, micros):
    record = dict(fields)
    record.pop("exception", None)
    record.update(event="🔹 " + message, level=level, timestamp=clock(micros))
    if "exception" in fields:
        record["exception"] = fields["exception"]
    return json.dumps(record, ensure_ascii=False)


def layout_raw(logger, level, message, fields, micros):
    record = {"logger_name": logger, **fields, "event": message, "level": level, "timestamp": clock(micros)}
    return json.dumps(record, ensure_ascii=False)


def layout_pino(logger, level, message, fields, micros):
    record = {"level": NUMERIC_LEVEL[level], "time": micros // 1000, "pid": 4242, "hostname": "shop-1",
              "name": logger, "msg": message, **fields}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def layout_bunyan(logger, level, message, fields, micros):
    record = {"name": logger, "hostname": "shop-1", "pid": 4242, "level": NUMERIC_LEVEL[level], **fields,
              "msg": message, "time": clock(micros, "T", 3) + "Z", "v": 0}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


LAYOUTS = {"foundation": layout_foundation, "raw": layout_raw, "pino": layout_pino, "bunyan": layout_bunyan}
PLAIN_LINES = ["Starting shop-api 2.14.1 (pid 4242)", "Listening on 0.0.0.0:8080",
               "Traceback (most recent call last):", "  File \"shop/app.py\", line 12, in <module>",
               "worker {} restarted after a crash", "WARNING: config file not found, using defaults"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--variant", choices=sorted(LAYOUTS), default="foundation")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mixed", action="store_true", help="about 2%% plain-text lines")
    args = parser.parse_args()
    draw = Draw(args.seed)
    layout = LAYOUTS[args.variant]
    out = sys.stdout
    batch = []
    for index in range(args.lines):
        if args.mixed and draw.r.random() < 0.02:
            batch.append(draw.pick(PLAIN_LINES).format(index))
        else:
            batch.append(layout(*make_event(draw, index)))
        if len(batch) == 4096:
            out.write("\n".join(batch) + "\n")
            batch.clear()
    if batch:
        out.write("\n".join(batch) + "\n")


if __name__ == "__main__":
    main()
