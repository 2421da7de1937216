#!/usr/bin/env bash
# $PAGER on a terminal (script(1) gives us one); never into a pipe, when following, or with
# --paging never.
. "$(dirname "$0")/common.sh" "$@"
if ! command -v script >/dev/null; then echo "script(1) not found"; exit 77; fi

printf '{"event":"hello","level":"info"}\n' >"$WORK/a.jsonl"
export PAGER="sed s/^/PAGED:/"
on_tty() { TERM=xterm script -qec "$*" /dev/null </dev/null | tr -d '\r'; }

if on_tty "'$LOGMOJI' '$WORK/a.jsonl'" | grep -q '^PAGED:'; then pass; else fail "a terminal gets the pager"; fi
if on_tty "'$LOGMOJI' '$WORK/a.jsonl'" | grep -q $'PAGED:.*\x1b\\['; then pass; else fail "colours survive the pager"; fi
if on_tty "'$LOGMOJI' --paging never '$WORK/a.jsonl'" | grep -q '^PAGED:'; then fail "--paging never"; else pass; fi
if on_tty "PAGER= '$LOGMOJI' '$WORK/a.jsonl'" | grep -q '^PAGED:'; then fail "an empty PAGER means none"; else pass; fi
if on_tty "'$LOGMOJI' -c '$WORK/a.jsonl'" | grep -q '^PAGED:'; then fail "summaries are not paged"; else pass; fi
if "$LOGMOJI" "$WORK/a.jsonl" | grep -q '^PAGED:'; then fail "a pipe gets no pager"; else pass; fi
if "$LOGMOJI" --paging always "$WORK/a.jsonl" | grep -q '^PAGED:'; then pass; else fail "--paging always"; fi
# No PAGER and no less installed: plain output rather than nothing.
if on_tty "env -u PAGER PATH=/nonexistent '$LOGMOJI' '$WORK/a.jsonl'" | grep -q 'hello'; then pass; else fail "no less: plain output"; fi
expect_eq "exit status through the pager" "$(on_tty "'$LOGMOJI' -l critical '$WORK/a.jsonl'; echo rc=\$?" | tail -n1)" "rc=1"

# A live stream is never paged automatically: the pager would draw one screen and stop
# updating (`python app.py | logmoji`). Regular files, standard input from one included, are.
if on_tty "cat '$WORK/a.jsonl' | '$LOGMOJI'" | grep -q '^PAGED:'; then fail "a pipe in is not paged"; else pass; fi
if on_tty "'$LOGMOJI' - <'$WORK/a.jsonl'" | grep -q '^PAGED:'; then pass; else fail "stdin from a file is paged"; fi
if on_tty "cat '$WORK/a.jsonl' | '$LOGMOJI' '$WORK/a.jsonl' -" | grep -q '^PAGED:'; then fail "a file and a pipe: not paged"; else pass; fi
if on_tty "cat '$WORK/a.jsonl' | '$LOGMOJI' --paging always" | grep -q '^PAGED:'; then pass; else fail "--paging always pages a pipe"; fi
if on_tty "'$LOGMOJI' -P '$WORK/a.jsonl'" | grep -q '^PAGED:'; then fail "-P: not paged"; else pass; fi
if on_tty "'$LOGMOJI' -P '$WORK/a.jsonl'" | grep -q 'hello'; then pass; else fail "-P: shown directly"; fi
expect_status "-P and --paging exclude each other" 2 "$LOGMOJI" -P --paging always "$WORK/a.jsonl"

# A pager quit early (less's q; here head -n1) is not an error: exit 0, not 141.
for i in $(seq 1 5000); do printf '{"event":"line %d","level":"info"}\n' "$i"; done >"$WORK/big.jsonl"
expect_eq "quitting the pager is exit 0" \
  "$(on_tty "PAGER='head -n1' '$LOGMOJI' '$WORK/big.jsonl'; echo rc=\$?" | tail -n1)" "rc=0"
# A pager that cannot run or fails is reported and the output reaches the terminal anyway.
for pager in /nonexistent/pager false "cat >/dev/full"; do
  on_tty "PAGER='$pager' '$LOGMOJI' --color never '$WORK/a.jsonl'; echo rc=\$?" >"$WORK/tty.out"
  expect_contains "pager '$pager': reported" "$WORK/tty.out" "logmoji: pager '$pager'"
  expect_contains "pager '$pager': the output is shown directly" "$WORK/tty.out" "hello"
  expect_contains "pager '$pager': exit 0 (nothing was lost)" "$WORK/tty.out" "rc=0"
done
# A parent that ignores SIGCHLD: the pager is reaped by the kernel, waitpid fails with ECHILD,
# and logmoji must still end (it spun at 100 % CPU).
expect_eq "SIGCHLD ignored: logmoji ends" \
  "$(on_tty "timeout $HANG_SECONDS env --ignore-signal=CHLD '$LOGMOJI' --paging always '$WORK/big.jsonl' >/dev/null; echo rc=\$?" | tail -n1)" "rc=0"

# Ctrl-C reaches logmoji and the pager alike. less only stops what it was doing, and stays in
# charge of the terminal until the user quits it; logmoji must wait for it (as git does), not
# die and leave it in the background fighting the shell for the keys. Then it ends by the
# signal (130), without writing what it had kept for a failed pager to the terminal (`sh -c`
# dies by SIGINT after less exits; that is no failure). The pager here is such a less: it
# ignores SIGINT, reads only when told to, and says whether logmoji was still alive, waiting,
# when its input ended.
cat >"$WORK/pager" <<'SH'
#!/bin/sh
trap '' INT
W=$(dirname "$0")
p=$PPID
while [ "$(cat /proc/$p/comm 2>/dev/null)" != logmoji ] && [ "$p" -gt 1 ]; do p=$(awk '{print $4}' /proc/$p/stat); done
echo "$p $PPID" >"$W/pager.started"
while [ ! -e "$W/go" ]; do sleep 0.02; done
cat >/dev/null
state=$(awk '{print $3}' /proc/$p/stat 2>/dev/null)
case $state in R | S | D) state=alive ;; esac  # not gone, not a zombie
echo "logmoji at the end of its output: ${state:-gone}" >"$W/pager.log"
SH
chmod +x "$WORK/pager"
interrupt_while_paged() {  # INPUT: Ctrl-C while logmoji writes INPUT into the pager
  rm -f "$WORK/pager.started" "$WORK/go" "$WORK/pager.log"
  PAGER="$WORK/pager" on_tty "'$LOGMOJI' --no-config '$1'; echo rc=\$?" >"$WORK/tty.out" &
  local tty=$!
  wait_for test -s "$WORK/pager.started"
  read -r logmoji shell <"$WORK/pager.started"
  kill -INT "$logmoji" "$shell"
  touch "$WORK/go"
  wait "$tty"
}
for input in big.jsonl a.jsonl; do  # blocked writing into a full pipe; all written, waiting
  interrupt_while_paged "$WORK/$input"
  expect_eq "Ctrl-C while paging $input: logmoji waits for the pager" "$(cat "$WORK/pager.log" 2>/dev/null)" \
    "logmoji at the end of its output: alive"
  expect_eq "Ctrl-C while paging $input: ends by SIGINT" "$(tail -n1 "$WORK/tty.out")" "rc=130"
  if grep -q "pager\|line 1\|hello" "$WORK/tty.out"; then fail "Ctrl-C while paging $input: nothing dumped"; else
    pass
  fi
done
finish
