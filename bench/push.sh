#!/usr/bin/env bash
# registry-steps' push beside docker push on one image (8 x 32 MiB of random data, then 8 x 32 MiB of text), from the
# rig's daemon to fresh local registries, in one run. Needs the rig's packages (.ci/install-servers), as root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests -pl cli,bench -am package)
echo "load before: $(uptime)"
java ${BENCH_JAVA_OPTS:-} -cp "$root/bench/target/registry-steps-bench.jar" io.jenkins.plugins.registrysteps.bench.PushBenchmark \
  "$root/cli/target/registry-steps.jar" "$@"
echo "load after: $(uptime)"
