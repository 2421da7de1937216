#!/bin/sh
# Regenerates journald-json.jsonl, journald-json-seq.jsonl and journald-nested.jsonl: the entries
# of journald_export.py written into a journal by systemd-journal-remote, read back by journalctl
# (Debian 12: systemd-journal-remote, systemd 252).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/journald_export.py" > "$tmp/entries.export"
/lib/systemd/systemd-journal-remote -o "$tmp/remote.journal" "$tmp/entries.export"
journalctl --file "$tmp/remote.journal" -o json > "$here/../journald-json.jsonl"
journalctl --file "$tmp/remote.journal" -o json-seq > "$here/../journald-json-seq.jsonl"
python3 "$here/journald_export.py" nested > "$tmp/nested.export"
/lib/systemd/systemd-journal-remote -o "$tmp/nested.journal" "$tmp/nested.export"
journalctl --file "$tmp/nested.journal" -o json > "$here/../journald-nested.jsonl"
