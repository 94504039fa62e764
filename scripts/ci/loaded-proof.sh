#!/usr/bin/env bash
# Proof that CI does not depend on the machine's speed (issue #16): runs `CI=true bash .ci/run`
# several times in a row (default 3), each in its own fresh `git clone` of this repository's
# HEAD commit, while a CPU load it starts itself keeps every core busy. The load is stopped on
# every exit path (trap). Prints each run's wall time and result; exits non-zero if any failed.
#
#   bash scripts/ci/loaded-proof.sh            # 3 runs
#   RUNS=1 bash scripts/ci/loaded-proof.sh     # one run
#
# Load: stress-ng (Debian; installed with apt-get when missing and running as root), else
# stress, else one Node busy-loop child per core. LOAD_WORKERS overrides the number of
# workers (default: nproc). Logs of every run stay in artifacts/loaded-proof/<time>/ (git-ignored).
# Not part of `pnpm test`: it runs the whole of `pnpm test` itself, several times.
set -uo pipefail

RUNS="${RUNS:-3}"
case "$RUNS" in '' | *[!0-9]* | 0) echo "loaded-proof: RUNS must be a positive integer, got '$RUNS'" >&2; exit 2 ;; esac
LOAD_WORKERS="${LOAD_WORKERS:-$(nproc)}"
repo="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
head="$(git -C "$repo" rev-parse HEAD)"
logs="$repo/artifacts/loaded-proof/$(date -u +%Y%m%dT%H%M%SZ)"
work="$(mktemp -d "${TMPDIR:-/tmp}/assetkit-loaded-proof.XXXXXX")"
mkdir -p "$logs"

load_pids=()
load_kind=""

start_load() {
  if ! command -v stress-ng >/dev/null 2>&1 && ! command -v stress >/dev/null 2>&1 \
    && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "loaded-proof: installing stress-ng with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq stress-ng >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq stress-ng >/dev/null 2>&1; } \
      || echo "loaded-proof: apt-get install stress-ng failed; falling back" >&2
  fi
  # setsid: each load process leads its own process group, so stopping it stops its workers too.
  if command -v stress-ng >/dev/null 2>&1; then
    load_kind="stress-ng --cpu $LOAD_WORKERS"
    setsid stress-ng --cpu "$LOAD_WORKERS" --timeout 0 --quiet &
    load_pids+=("$!")
  elif command -v stress >/dev/null 2>&1; then
    load_kind="stress --cpu $LOAD_WORKERS"
    setsid stress --cpu "$LOAD_WORKERS" --quiet &
    load_pids+=("$!")
  else
    load_kind="node busy loop x $LOAD_WORKERS"
    for _ in $(seq "$LOAD_WORKERS"); do
      setsid node -e 'for (;;) {}' &
      load_pids+=("$!")
    done
  fi
}

stop_load() {
  for pid in "${load_pids[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
  done
  for pid in "${load_pids[@]}"; do
    wait "$pid" 2>/dev/null
  done
  load_pids=()
}

run_pid=""
cleanup() {
  # A run still going (the script was interrupted): stop its whole process group first.
  if [ -n "$run_pid" ]; then
    kill -TERM -- "-$run_pid" 2>/dev/null
    wait "$run_pid" 2>/dev/null
  fi
  stop_load
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# A fresh checkout of exactly HEAD: a real copy (--no-local, no hard links), nothing untracked
# (node_modules, dist, .turbo) comes along. Fetching the commit by id also covers a detached HEAD.
fresh_clone() {
  local dest="$1"
  git clone --quiet --no-local --no-checkout "$repo" "$dest" \
    && git -C "$dest" fetch --quiet "$repo" "$head" \
    && git -C "$dest" checkout --quiet --detach "$head"
}

start_load
sleep 1
echo "loaded-proof: $RUNS run(s) of 'CI=true bash .ci/run' on $(git -C "$repo" log -1 --format='%h %s' "$head")"
echo "loaded-proof: load: $load_kind (pids ${load_pids[*]}), $(nproc) cores; logs in ${logs#"$repo"/}/"

results=()
failed=0
for i in $(seq "$RUNS"); do
  dest="$work/run-$i"
  log="$logs/run-$i.log"
  echo "loaded-proof: run $i: cloning into $dest (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  started=$(date +%s)
  if fresh_clone "$dest" >"$log" 2>&1; then
    # In the background with its own process group, so a signal to this script is handled at
    # once (bash defers traps while a foreground child runs) and cleanup can stop the whole run.
    setsid bash -c 'cd "$1" && CI=true exec bash .ci/run' _ "$dest" >>"$log" 2>&1 &
    run_pid=$!
    wait "$run_pid"
    code=$?
    run_pid=""
  else
    code=1
    echo "loaded-proof: git clone failed" >>"$log"
  fi
  seconds=$(($(date +%s) - started))
  summary="$(grep '^TOTAL ' "$log" | tail -1 | sed 's/^TOTAL //')"
  [ -n "$summary" ] || summary="no TOTAL line"
  if [ "$code" = 0 ]; then verdict=PASS; else verdict="FAIL (exit $code)"; failed=$((failed + 1)); fi
  line="run $i: $verdict in $((seconds / 60))m$((seconds % 60))s ($seconds s): $summary"
  results+=("$line")
  echo "loaded-proof: $line (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  if [ "$code" != 0 ]; then
    echo "---- last 60 lines of $log"
    tail -60 "$log"
    echo "----"
  fi
  rm -rf "$dest"
done

stop_load
echo
echo "loaded-proof: $head under $load_kind"
for line in "${results[@]}"; do echo "  $line"; done
echo "loaded-proof: $((RUNS - failed))/$RUNS runs passed"
[ "$failed" = 0 ]
