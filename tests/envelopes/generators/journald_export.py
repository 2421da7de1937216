#!/usr/bin/env python3
"""Writes journal entries in the journal export format (systemd's JOURNAL_EXPORT_FORMATS): text
fields as KEY=value, a binary one (a value with a newline or a non-UTF-8 byte) as KEY, a
little-endian 64-bit size and the bytes. journald.sh feeds them to systemd-journal-remote and reads
the journal back with journalctl -o json / -o json-seq, so the JSON is journalctl's own.
With the argument `nested`: services that log logfmt or loguru records to the journal (their
stdout as a systemd unit), for journald-nested.jsonl."""
import os
import struct
import sys

BOOT = "5d3c8a0f6b7e4c1d9a2b3c4d5e6f7a8b"
MACHINE = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
BASE_US = 1714557600000000  # 2024-05-01T10:00:00Z

ENTRIES = [
    dict(MESSAGE="Started nginx.service - A high performance web server.", PRIORITY="6",
         SYSLOG_IDENTIFIER="systemd", _SYSTEMD_UNIT="init.scope", _PID="1", CODE_FILE="src/core/job.c"),
    dict(MESSAGE='{"level":"info","msg":"listening","port":8080,"logger":"api.http"}', PRIORITY="6",
         SYSLOG_IDENTIFIER="api", _SYSTEMD_UNIT="api.service", _PID="812"),
    dict(MESSAGE='{"msg":"payment declined","order":42}', PRIORITY="3",
         SYSLOG_IDENTIFIER="api", _SYSTEMD_UNIT="api.service", _PID="812"),
    dict(MESSAGE="disk almost full", PRIORITY="4", _SYSTEMD_UNIT="monitor.service", _PID="900", _COMM="monitor"),
    dict(MESSAGE="kernel: Out of memory: Killed process 4242", PRIORITY="0", SYSLOG_IDENTIFIER="kernel"),
    dict(MESSAGE=b"binary \x01 payload\nsecond line", PRIORITY="2", SYSLOG_IDENTIFIER="legacy", _PID="77"),
    dict(MESSAGE="debugging detail", PRIORITY="7", SYSLOG_IDENTIFIER="api", _SYSTEMD_UNIT="api.service"),
    # The client's own time (sd_journal_send, syslog's timestamp): journalctl shows it, not the
    # time the journal received the entry; a source time of zero it passes over.
    dict(MESSAGE="sent before it was received", PRIORITY="6", SYSLOG_IDENTIFIER="api",
         _SOURCE_REALTIME_TIMESTAMP=str(BASE_US - 250000)),
    dict(MESSAGE="a source time of zero", PRIORITY="6", SYSLOG_IDENTIFIER="api", _SOURCE_REALTIME_TIMESTAMP="0"),
]

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "loguru-serialize.jsonl"),
          encoding="utf-8") as f:
    LOGURU = f.read().splitlines()

NESTED = [
    # Go's log/slog TextHandler.
    dict(MESSAGE='time=2024-05-01T10:00:00.010Z level=WARN msg="cache miss" key=user:42 took=3ms', PRIORITY="6",
         SYSLOG_IDENTIFIER="cache", _SYSTEMD_UNIT="cache.service", _PID="301"),
    dict(MESSAGE='level=error msg="no time of its own" attempt=2', PRIORITY="6",
         SYSLOG_IDENTIFIER="cache", _SYSTEMD_UNIT="cache.service", _PID="301"),
    # Prose with an equals sign is no logfmt: every word must be a pair.
    dict(MESSAGE="set retries=3 after the outage", PRIORITY="5", SYSLOG_IDENTIFIER="cache", _PID="301"),
    *(dict(MESSAGE=line, PRIORITY="6", SYSLOG_IDENTIFIER="python3", _SYSTEMD_UNIT="worker.service", _PID="512")
      for line in LOGURU[2:5]),
]


def field(out, key, value):
    if isinstance(value, str):
        value = value.encode()
    if b"\n" in value or any(b < 32 and b != 9 for b in value):
        out.write(key.encode() + b"\n" + struct.pack("<Q", len(value)) + value + b"\n")
    else:
        out.write(key.encode() + b"=" + value + b"\n")


def main():
    out = sys.stdout.buffer
    for n, entry in enumerate(NESTED if sys.argv[1:] == ["nested"] else ENTRIES):
        us = BASE_US + n * 1500
        field(out, "__CURSOR", f"s=0;i={n + 1}")
        field(out, "__REALTIME_TIMESTAMP", str(us))
        field(out, "__MONOTONIC_TIMESTAMP", str(1000000 + n * 1500))
        field(out, "_BOOT_ID", BOOT)
        field(out, "_MACHINE_ID", MACHINE)
        field(out, "_HOSTNAME", "node-1")
        field(out, "_TRANSPORT", "journal")
        for key, value in entry.items():
            field(out, key, value)
        out.write(b"\n")


main()
