#!/usr/bin/env bash
# Parse + validate + plan a generated 1,000-step file; -Xmx64m proves the heap bound, the harness reports the figures.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && mvn -q -B -DskipTests -Dmaven.test.skip=true -pl bench -am package)
java -Xmx64m -XX:+UseSerialGC -cp "$root/bench/target/registry-steps-bench.jar" \
  io.jenkins.plugins.registrysteps.bench.ParsePlanBenchmark "$@"
