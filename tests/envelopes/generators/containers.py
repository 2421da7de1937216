#!/usr/bin/env python3
"""Writes the Docker json-file, CRI and prefixed-line fixtures, from the formats' specifications:
- Docker's json-file driver (daemon/logger/jsonfilelog): one {"log","stream","time"} object per
  line ("attrs" with --log-opt labels/env); a line longer than 16 KiB is split into records of
  16 KiB, and only the last record's "log" ends in a newline.
- The CRI log format (kubernetes/cri-api, "CRI logging"): TIME STREAM TAG TEXT, TAG F for a full
  line or the last part, P for a partial part (containerd splits at 16 KiB by default).
- kubectl logs --timestamps (RFC 3339 time and a space), kubectl logs --prefix
  ([pod/NAME/CONTAINER] and a space), docker compose logs (service name padded, " | ").
- loguru's serialize=True records (../loguru-serialize.jsonl, written by loguru itself) as a
  container writes them to its stdout: through Docker, CRI and docker compose (loguru-nested.log).
Run: python3 containers.py (writes ../docker*.jsonl, ../cri*.log, ../prefixes.log,
../loguru-nested.log)."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SPLIT = 16 * 1024


def out(name, lines):
    with open(os.path.join(HERE, "..", name), "w", encoding="utf-8") as f:
        f.writelines(line + "\n" for line in lines)


def docker(log, stream="stdout", time="2024-05-01T10:00:00.000000001Z", **extra):
    return json.dumps(dict(log=log, stream=stream, **extra, time=time) if not extra else
                      {"log": log, "stream": stream, **extra, "time": time}, separators=(",", ":"), ensure_ascii=False)


def docker_split(text, stream="stdout", time="2024-05-01T10:00:03.000000000Z"):
    text += "\n"
    return [docker(text[i:i + SPLIT], stream, time) for i in range(0, len(text), SPLIT)]


long_event = json.dumps({"level": "info", "msg": "big payload", "blob": "x" * 40000}, separators=(",", ":"))

out("docker.jsonl", [
    docker('{"level":"info","msg":"listening","port":8080,"time":"2024-05-01T09:59:59Z"}\n'),
    docker('{"level":"error","msg":"no time of its own"}\n', "stderr", "2024-05-01T10:00:01.5Z"),
    docker("level=warn msg=\"logfmt inside\" retries=3\n", time="2024-05-01T10:00:02Z"),
    *docker_split(long_event),
    docker('{"level":"debug","msg":"with labels"}\n', time="2024-05-01T10:00:04Z", attrs={"app": "web", "tier": "front"}),
    docker("\n", time="2024-05-01T10:00:05Z"),
    docker("plain text from the container\n", time="2024-05-01T10:00:06Z"),
])

out("docker-bad.jsonl", [
    docker('{"level":"info","msg":"fine"}\n'),
    docker('{"level":"info","msg":"fine"}\n')[:40],  # truncated envelope
    docker('{"level":"error","msg":\n', time="2024-05-01T10:00:01Z"),  # broken inner line
    docker('{"level":"info","msg":"never ', time="2024-05-01T10:00:02Z"),  # split, last part lost
])


def cri(text, tag="F", stream="stdout", time="2024-05-01T10:00:00.123456789Z"):
    return f"{time} {stream} {tag} {text}"


cri_long = json.dumps({"level": "warn", "msg": "joined from parts", "blob": "y" * 20000}, separators=(",", ":"))
out("cri.log", [
    cri('{"level":"info","msg":"pod started","ts":"2024-05-01T10:00:00Z"}'),
    cri('{"level":"error","msg":"on stderr"}', stream="stderr", time="2024-05-01T10:00:01.000000001+02:00"),
    cri(cri_long[:SPLIT], "P", time="2024-05-01T10:00:02Z"),
    cri(cri_long[SPLIT:], "F", time="2024-05-01T10:00:02Z"),
    cri("time=2024-05-01T10:00:03Z level=info msg=\"logfmt in CRI\" n=1", time="2024-05-01T10:00:03Z"),
    cri("plain text line", time="2024-05-01T10:00:04Z"),
])

out("cri-bad.log", [
    cri('{"level":"info","msg":"fine"}'),
    cri('{"level":"info","msg":', time="2024-05-01T10:00:01Z"),  # broken inner line
    cri('{"level":"info","msg":"cut', "P", time="2024-05-01T10:00:02Z"),  # P at the end of the file
])

out("prefixes.log", [
    '2024-05-01T10:00:00.000000001Z {"level":"info","msg":"kubectl --timestamps"}',
    '2024-05-01T10:00:01Z {"level":"warn","msg":"own time wins","ts":"2024-05-01T09:00:00Z"}',
    'web-1     | {"level":"error","msg":"compose service web"}',
    'worker-12 | level=info msg="compose logfmt"',
    'web-1     | {"level":"info","msg":"Configuration reloaded","source":"/etc/app.toml"}',
    'web-1     | plain compose text stays raw',
    '[pod/api-7d9/app] {"level":"info","msg":"kubectl --prefix"}',
    'Just prose with {braces} stays raw',
])

with open(os.path.join(HERE, "..", "loguru-serialize.jsonl"), encoding="utf-8") as f:
    loguru_lines = f.read().splitlines()
out("loguru-nested.log", [
    *(docker(line + "\n", "stderr", f"2024-05-01T10:00:0{i}.5Z") for i, line in enumerate(loguru_lines)),
    *(cri(line, stream="stderr", time=f"2024-05-01T10:00:0{i}.5Z") for i, line in enumerate(loguru_lines)),
    *(cri(line[:100], "P") + "\n" + cri(line[100:]) for line in loguru_lines[3:4]),
    *("api-1  | " + line for line in loguru_lines[:2]),
    # Not loguru's: an application's own {"text": …} object stays the event it is.
    docker('{"text":"hello","record":{"level":"info"}}\n'),
    # A record whose parts have other types than loguru writes is read as the JSON it is.
    docker('{"text":"x","record":{"level":"INFO","message":"level is a string"}}\n'),
])
