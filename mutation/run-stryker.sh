#!/usr/bin/env bash
# Mutation testing of the numerical core with Stryker.NET (dotnet-stryker 5.1.0, local tool in .config/dotnet-tools.json).
# NOT part of CI: a full run takes hours on the 2-core development machine. See mutation/README.md.
#
#   [SPHEREFLOW_PROPERTY_RUNS=N] [STRYKER_TEST_FILTER=…] [STRYKER_COVERAGE=off] [STRYKER_ADDITIONAL_TIMEOUT=ms] bash mutation/run-stryker.sh [--rev REV] [FOLDER…]
#
# FOLDER is one of Objectives, Features (src/SphereFlow), FiniteVolume, Particles, BirthDeath, RungeKutta
# (solvers/SphereFlow.Solvers); default: all six, one Stryker run each. FOLDER:FILE1,FILE2 mutates only those files of the
# folder (the core files of a folder too large for one run; the report folder is then FOLDER-core, or LABEL with a
# trailing @LABEL: Features:A.cs,B.cs@Features-kernels). The runs happen in a scratch copy of the committed tree at REV (default HEAD),
# so they never touch this working tree's bin/ and obj/. Each run is niced (19) with concurrency 1 (the machine is
# shared). Reports land in mutation/reports/FOLDER/ (mutation-report.json, .html, .md) and one line per folder
# (score, counts, minutes) is appended to mutation/reports/scores.tsv.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
rev=HEAD
if [ "${1:-}" = "--rev" ]; then rev="$2"; shift 2; fi
folders=("$@")
[ ${#folders[@]} -eq 0 ] && folders=(Objectives Features FiniteVolume Particles BirthDeath RungeKutta)

project_of() {
  case "$1" in
    Objectives|Features) echo "src/SphereFlow/SphereFlow.csproj" ;;
    FiniteVolume|Particles|BirthDeath|RungeKutta) echo "solvers/SphereFlow.Solvers/SphereFlow.Solvers.csproj" ;;
    *) echo "unknown folder '$1' (known: Objectives Features FiniteVolume Particles BirthDeath RungeKutta)" >&2; exit 2 ;;
  esac
}
for f in "${folders[@]}"; do project_of "${f%%[:@]*}" > /dev/null; done

commit="$(git -C "$root" rev-parse --verify "$rev^{commit}")"
work="$(mktemp -d "${TMPDIR:-/tmp}/sphereflow-stryker.XXXXXX")"
# A mutant that loops forever can leave its test host running after Stryker gave up on it (seen: three hosts spinning for
# 45 minutes after a run had ended); kill whatever still runs from the scratch copy before removing it.
trap 'pkill -f "$work/" 2>/dev/null || true; rm -rf "$work"' EXIT
git -C "$root" archive "$commit" | tar -x -C "$work"
cp "$root/.config/dotnet-tools.json" "$work/.config/dotnet-tools.json" 2>/dev/null || { mkdir -p "$work/.config"; cp "$root/.config/dotnet-tools.json" "$work/.config/"; }
cp "$here/stryker-config.json" "$work/stryker-config.json"
# STRYKER_TEST_FILTER replaces the config's test-case-filter (a tighter set of tests for one folder: see README);
# STRYKER_COVERAGE its coverage-analysis (perTest by default; "off" runs every filtered test on every mutant, for a
# folder whose instrumented coverage run is too slow).
if [ -n "${STRYKER_TEST_FILTER:-}" ]; then
  jq --arg f "$STRYKER_TEST_FILTER" '.["stryker-config"]["test-case-filter"] = $f' "$work/stryker-config.json" > "$work/stryker-config.tmp" && mv "$work/stryker-config.tmp" "$work/stryker-config.json"
fi
if [ -n "${STRYKER_COVERAGE:-}" ]; then
  jq --arg c "$STRYKER_COVERAGE" '.["stryker-config"]["coverage-analysis"] = $c' "$work/stryker-config.json" > "$work/stryker-config.tmp" && mv "$work/stryker-config.tmp" "$work/stryker-config.json"
fi
# STRYKER_ADDITIONAL_TIMEOUT (ms) replaces the config's additional-timeout: on a loaded machine the default 10 s turns
# slow test runs into "timeouts", which Stryker counts as kills; raise it so that a timeout means a mutant that hangs.
if [ -n "${STRYKER_ADDITIONAL_TIMEOUT:-}" ]; then
  jq --argjson t "$STRYKER_ADDITIONAL_TIMEOUT" '.["stryker-config"]["additional-timeout"] = $t' "$work/stryker-config.json" > "$work/stryker-config.tmp" && mv "$work/stryker-config.tmp" "$work/stryker-config.json"
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
(cd "$work" && dotnet tool restore > /dev/null)
mkdir -p "$here/reports"
[ -f "$here/reports/scores.tsv" ] || printf 'folder\tcommit\tscore_percent\tkilled\ttimeout\tsurvived\tno_coverage\tcompile_error\tignored\tminutes\n' > "$here/reports/scores.tsv"

for spec in "${folders[@]}"; do
  label=""
  if [[ "$spec" == *@* ]]; then label="${spec##*@}"; spec="${spec%@*}"; fi
  f="${spec%%:*}"; spec_folder="$f"
  proj="$(project_of "$f")"
  mutate=(--mutate "**/$f/**/*.cs")
  if [ "$spec" != "$f" ]; then
    mutate=(); IFS=, read -r -a files <<< "${spec#*:}"
    for x in "${files[@]}"; do mutate+=(--mutate "**/$f/$x"); done
    f="$f-core"
  fi
  [ -n "$label" ] && f="$label"
  # Stryker.NET compiles every mutant of the project into the instrumented assembly (the mutate filter only marks the
  # others ignored): SphereFlow.Core.dll doubled, and the per-test coverage run of src/SphereFlow never finished. A
  # "// Stryker disable all" line on top of every file outside the mutated set keeps their code out of the schema
  # (mutation/README.md, "Isolation"). STRYKER_ISOLATE=0 turns this off.
  git -C "$root" archive "$commit" "$(dirname "$proj")" | tar -x -C "$work"
  if [ "${STRYKER_ISOLATE:-1}" != 0 ]; then
    marked=0
    while IFS= read -r -d '' src; do
      rel="${src#"$work"/}"; keep=0
      for ((i = 1; i < ${#mutate[@]}; i += 2)); do
        glob="${mutate[$i]}"
        case "$glob" in
          "**/$spec_folder/**/*.cs") [[ "/$rel" == */"$spec_folder"/* ]] && keep=1 ;;
          *) [[ "/$rel" == */"${glob#\*\*/}" ]] && keep=1 ;;
        esac
      done
      if [ $keep = 0 ]; then sed -i '1i // Stryker disable all' "$src"; marked=$((marked + 1)); fi
    done < <(find "$work/$(dirname "$proj")" -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' -print0)
    echo "   isolated: $marked files of $(dirname "$proj") outside the mutated set marked '// Stryker disable all'"
  fi
  out="$work/out/$f"
  echo "== $f ($proj, ${mutate[*]}) at ${commit:0:12}, SPHEREFLOW_PROPERTY_RUNS=${SPHEREFLOW_PROPERTY_RUNS:-100}, coverage $(jq -r '.["stryker-config"]["coverage-analysis"]' "$work/stryker-config.json"), additional timeout $(jq -r '.["stryker-config"]["additional-timeout"]' "$work/stryker-config.json") ms, filter $(jq -r '.["stryker-config"]["test-case-filter"]' "$work/stryker-config.json"): started $(date -u +%FT%TZ)"
  start=$(date +%s)
  (cd "$work/tests/SphereFlow.Tests" && nice -n 19 dotnet stryker -f "$work/stryker-config.json" \
      --project "$(basename "$proj")" "${mutate[@]}" --output "$out" --skip-version-check) \
    > "$work/$f.log" 2>&1 || { echo "stryker failed for $f (log: $here/reports/$f/stryker.log)"; }
  minutes=$(( ($(date +%s) - start + 30) / 60 ))
  mkdir -p "$here/reports/$f"
  cp "$work/$f.log" "$here/reports/$f/stryker.log"
  if [ -f "$out/reports/mutation-report.json" ]; then
    cp "$out/reports/mutation-report.json" "$out/reports/mutation-report.html" "$here/reports/$f/"
    cp "$out/reports/mutation-report.md" "$here/reports/$f/" 2>/dev/null || true
    line=$(jq -r --arg f "$f" --arg c "${commit:0:12}" --arg min "$minutes" '
      [.files[].mutants[].status] as $s
      | ($s | map(select(. == "Killed")) | length) as $k
      | ($s | map(select(. == "Timeout")) | length) as $t
      | ($s | map(select(. == "Survived")) | length) as $sv
      | ($s | map(select(. == "NoCoverage")) | length) as $nc
      | ($s | map(select(. == "CompileError")) | length) as $ce
      | ($s | map(select(. == "Ignored")) | length) as $ig
      | [$f, $c, (if ($k + $t + $sv + $nc) > 0 then (100 * ($k + $t) / ($k + $t + $sv + $nc) * 100 | round / 100) else "n/a" end),
         $k, $t, $sv, $nc, $ce, $ig, $min] | @tsv' "$out/reports/mutation-report.json")
    echo "$line" >> "$here/reports/scores.tsv"
    echo "$line"
  fi
done
