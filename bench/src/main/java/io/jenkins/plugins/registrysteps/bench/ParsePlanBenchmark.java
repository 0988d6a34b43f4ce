package io.jenkins.plugins.registrysteps.bench;

import io.jenkins.plugins.registrysteps.engine.config.CodeshipConfig;
import io.jenkins.plugins.registrysteps.engine.config.ConfigLoader;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.plan.Plan;
import io.jenkins.plugins.registrysteps.engine.plan.Planner;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Arrays;

/**
 * Parses, validates and plans a generated steps file of 1,000 leaf steps (nested parallel/serial groups, filters,
 * push steps with templates) over and over, and reports the median and 90th percentile time after warm-up and
 * the heap one parsed pair and its plan retain.
 */
public final class ParsePlanBenchmark {

    private static final int STEPS = 1_000;
    private static final int SERVICES = 25;

    private ParsePlanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        byte[] services = services().getBytes(StandardCharsets.UTF_8);
        byte[] steps = steps().getBytes(StandardCharsets.UTF_8);
        BuildContext master = BuildContext.builder().branch("master").commitId("0123456789abcdef0123456789abcdef01234567")
                .time(ZonedDateTime.parse("2026-01-31T12:00:00Z")).build();
        int leaves = 0;
        for (int i = 0; i < warmup; i++) {
            leaves = countLeaves(parseAndPlan(services, steps, master));
        }
        double[] millis = new double[measured];
        double[] bare = new double[measured];
        for (int i = 0; i < warmup; i++) {
            bareYaml(services, steps);
        }
        for (int i = 0; i < measured; i++) {
            long start = System.nanoTime();
            parseAndPlan(services, steps, master);
            millis[i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            bareYaml(services, steps);
            bare[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        Arrays.sort(bare);
        long before = liveHeap();
        Plan held = parseAndPlan(services, steps, master);
        long retained = liveHeap() - before;
        System.out.printf("parse+validate+plan of %d steps (%d KiB of YAML, %d planned for master): "
                        + "median %.2f ms, p90 %.2f ms, min %.2f ms over %d runs after %d warm-up runs; "
                        + "one parsed pair and its plan retain %.1f MiB; max heap %d MiB%n",
                STEPS, steps.length / 1024, leaves, millis[measured / 2], millis[measured * 9 / 10], millis[0], measured, warmup,
                retained / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576);
        System.out.printf("bare SnakeYAML load of the same two files into maps: median %.2f ms; "
                + "ratio registry-steps/bare = %.2f%n", bare[measured / 2], millis[measured / 2] / bare[measured / 2]);
        if (held.steps().isEmpty()) {
            throw new IllegalStateException("the plan should not be empty");
        }
    }

    /** Heap in use after a full collection: what is really held. */
    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getUsage().getUsed()).sum();
    }

    /** The floor: what reading the same bytes into plain maps costs, without positions, checks or planning. */
    private static Object bareYaml(byte[] services, byte[] steps) {
        org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml();
        return java.util.List.of(yaml.load(new String(services, StandardCharsets.UTF_8)),
                yaml.load(new String(steps, StandardCharsets.UTF_8)));
    }

    private static Plan parseAndPlan(byte[] services, byte[] steps, BuildContext context) throws Exception {
        CodeshipConfig config = ConfigLoader.parse("codeship-services.yml", services, "codeship-steps.yml", steps);
        return Planner.plan(config, context);
    }

    private static int countLeaves(Plan plan) {
        return countLeaves(plan.steps());
    }

    private static int countLeaves(java.util.List<io.jenkins.plugins.registrysteps.engine.plan.PlanStep> steps) {
        int n = 0;
        for (var step : steps) {
            n += step instanceof io.jenkins.plugins.registrysteps.engine.plan.StepGroup group ? countLeaves(group.steps()) : 1;
        }
        return n;
    }

    static String services() {
        StringBuilder out = new StringBuilder("base: &base\n  image: busybox\n  cached: true\n  environment:\n    LANG: C.UTF-8\n\n");
        for (int s = 0; s < SERVICES; s++) {
            out.append("svc").append(s).append(":\n  <<: *base\n  build:\n    image: example/svc").append(s)
                    .append("\n    dockerfile: Dockerfile.").append(s).append("\n  volumes:\n    - ./tmp:/tmp/out\n\n");
        }
        return out.toString();
    }

    /** 50 top-level serial groups, each with a filtered parallel group of 16 steps and 4 pushes. */
    static String steps() {
        StringBuilder out = new StringBuilder();
        int made = 0;
        for (int g = 0; made < STEPS; g++) {
            out.append("- name: stage ").append(g).append("\n  type: serial\n")
                    .append(g % 3 == 0 ? "  exclude: '^(gh-pages|wip/.*)$'\n" : "")
                    .append("  steps:\n    - name: checks ").append(g).append("\n      type: parallel\n")
                    .append(g % 2 == 0 ? "      tag: '^(master|release/.*)$'\n" : "").append("      steps:\n");
            for (int i = 0; i < 16 && made < STEPS; i++, made++) {
                out.append("        - name: check ").append(g).append('.').append(i)
                        .append("\n          service: svc").append((g + i) % SERVICES)
                        .append("\n          command: sh -c \"make test-").append(i).append(" && echo done\"\n");
            }
            for (int p = 0; p < 4 && made < STEPS; p++, made++) {
                out.append("    - name: push ").append(g).append('.').append(p)
                        .append("\n      service: svc").append((g + p) % SERVICES)
                        .append("\n      type: push\n      image_name: registry.example.com:5000/team/svc").append(p)
                        .append("\n      image_tag: \"{{ .Branch }}-{{ printf \\\"%.8s\\\" .CommitID }}\"")
                        .append("\n      registry: registry.example.com:5000\n")
                        .append(p == 3 ? "      tag: master\n" : "");
            }
        }
        return out.toString();
    }
}
