#!/usr/bin/env bash
# registry-steps beside skopeo on one image (8 x 32 MiB of random data) and two local registries, in one run.
# Needs the rig's packages (.ci/install-servers) plus skopeo and time (apt-get install -y skopeo time), as root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for tool in skopeo /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "registry-copy.sh: $tool is missing: apt-get install -y skopeo time" >&2; exit 2; }
done
(cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests -pl cli,bench -am package)
java ${BENCH_JAVA_OPTS:-} -cp "$root/bench/target/registry-steps-bench.jar" io.jenkins.plugins.registrysteps.bench.RegistryCopyBenchmark \
  "$root/cli/target/registry-steps.jar" "$@"
