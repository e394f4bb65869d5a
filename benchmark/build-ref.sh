#!/usr/bin/env bash
# Builds Orderly's app jar at a git ref, for benchmark/run.sh's BENCH_COMPARE_REF.
#
#   benchmark/build-ref.sh <git ref> <output jar> [log file]
#
# Checks the ref out into a temporary git worktree (detached, nothing on any branch changes),
# builds the app jar there with the ref's own Maven wrapper (`-pl app -am package -DskipTests`:
# nothing is installed into ~/.m2), copies it to <output jar> and removes the worktree and the
# temporary directory again, also on failure or Ctrl-C. Prints the commit it built.
set -euo pipefail

[[ $# -ge 2 ]] || { echo "usage: $0 <git ref> <output jar> [log file]" >&2; exit 2; }
REF="$1"
OUT="$2"
LOG="${3:-/dev/stderr}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

SHA="$(git -C "$ROOT" rev-parse --verify --quiet "${REF}^{commit}")" \
  || { echo "[build-ref] '$REF' is not a commit in $ROOT" >&2; exit 1; }
TMP="$(mktemp -d "${TMPDIR:-/tmp}/orderly-compare.XXXXXX")"
WORKTREE="$TMP/src"
cleanup() {
  if ! git -C "$ROOT" worktree remove --force "$WORKTREE" >/dev/null 2>&1; then
    rm -rf "$TMP"
    git -C "$ROOT" worktree prune >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

git -C "$ROOT" worktree add --detach --quiet "$WORKTREE" "$SHA"
(cd "$WORKTREE" && ./mvnw -B -q -pl app -am package -DskipTests) >>"$LOG" 2>&1 \
  || { echo "[build-ref] building $REF ($SHA) failed; see $LOG" >&2; exit 1; }
JAR="$WORKTREE/app/target/orderly.jar"
if [[ ! -f "$JAR" ]]; then
  JAR="$(find "$WORKTREE/app/target" -maxdepth 1 -name '*.jar' ! -name '*-plain.jar' ! -name '*-sources.jar' ! -name '*.original' | head -1)"
fi
[[ -n "$JAR" && -f "$JAR" ]] || { echo "[build-ref] no app jar in $WORKTREE/app/target" >&2; exit 1; }
mkdir -p "$(dirname "$OUT")"
cp "$JAR" "$OUT"
echo "$SHA"
