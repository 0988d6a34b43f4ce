#!/usr/bin/env bash
# Parse + validate + plan a generated 1,000-step file: timed in a 64 MiB heap (the target bound),
# then run again in an 8 MiB heap to show how far below the bound it stays.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests -pl bench -am package)
jar="$root/bench/target/registry-steps-bench.jar"
main=io.jenkins.plugins.registrysteps.bench.ParsePlanBenchmark
echo "== -Xmx64m"
java -Xmx64m -XX:+UseSerialGC -cp "$jar" "$main" "$@"
echo "== -Xmx8m"
java -Xmx8m -XX:+UseSerialGC -cp "$jar" "$main" 100 100
