#!/usr/bin/env bash
# Runs Neurite's Jazzer fuzz targets in fuzzing mode, each for a chosen time (see docs/correctness.md).
#   ./fuzz.sh                 every target for 60 s
#   ./fuzz.sh idxGzip 600     one target for 10 minutes
# Targets: idxRaw idxGzip csv modelFile onnxFile checkpoint png pngValidCrc jpeg. A finding stops the run; Jazzer saves the
# input as crash-<sha1> in the target's ...FuzzTestInputs/<target>/ folder, where the next plain
# 'mvn test' replays it as a regression test. The growing corpus lives in <module>/.cifuzz-corpus/.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${2:-60}"
targets=("${1:-all}")
if [[ "${targets[0]}" == all ]]; then
  targets=(idxRaw idxGzip csv modelFile onnxFile checkpoint png pngValidCrc jpeg)
fi
for t in "${targets[@]}"; do
  case "$t" in
    idxRaw|idxGzip|csv|modelFile|onnxFile) module=neurite-core; test="ParserFuzzTest#$t" ;;
    checkpoint) module=neurite-core; test="CheckpointFuzzTest#checkpoint" ;;
    png|pngValidCrc|jpeg) module=neurite-cli; test="ImagesFuzzTest#$t" ;;
    *) echo "fuzz.sh: unknown target '$t' (idxRaw idxGzip csv modelFile onnxFile checkpoint png pngValidCrc jpeg)" >&2; exit 2 ;;
  esac
  echo "== fuzzing $t for $seconds s"
  JAZZER_FUZZ=1 mvn -B -q -pl "$module" -am test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.internal.arg.0=fake_argv0 -Djazzer.internal.arg.1=-max_total_time="$seconds"
done
