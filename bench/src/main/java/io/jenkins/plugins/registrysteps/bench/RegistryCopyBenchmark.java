package io.jenkins.plugins.registrysteps.bench;

import static io.jenkins.plugins.registrysteps.bench.Timing.median;
import static io.jenkins.plugins.registrysteps.bench.Timing.seconds;

import io.jenkins.plugins.registrysteps.bench.Timing.Action;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.registry.CopyResult;
import io.jenkins.plugins.registrysteps.engine.registry.ImageCopier;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import io.jenkins.plugins.registrysteps.engine.registry.Retagger;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * registry-steps against skopeo on the same image and registries, in one run: promote cold and warm, same-registry
 * copy, retag, and peak memory. Requests are counted from the registries' access logs.
 *
 * <p>Arguments: the CLI jar, then optionally the runs per measurement (5), layers (8) and MiB per layer (32).
 */
public final class RegistryCopyBenchmark {

    private final Rig rig = Rig.get();
    private final Path cliJar;
    private final int runs;
    private final Path policy;
    private RigRegistry a;
    private RigRegistry b;
    private String image;
    private long imageBytes;

    private RegistryCopyBenchmark(Path cliJar, int runs) throws IOException {
        this.cliJar = cliJar;
        this.runs = runs;
        this.policy = Files.createTempFile(rig.dir(), "policy", ".json");
        Files.writeString(policy, "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
    }

    public static void main(String[] args) throws Exception {
        Path cli = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int layers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int mib = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        RegistryCopyBenchmark bench = new RegistryCopyBenchmark(cli, runs);
        try {
            bench.prepare(layers, mib);
            // -Dbench.only=cold,warm,same,retag,memory runs a part of the table
            Set<String> parts = Set.of(System.getProperty("bench.only", "cold,warm,same,retag,memory").split(","));
            if (parts.contains("cold")) {
                bench.promoteCold();
            }
            if (parts.contains("warm")) {
                bench.promoteWarm();
            }
            if (parts.contains("same")) {
                bench.sameRegistry();
            }
            if (parts.contains("retag")) {
                bench.retag();
            }
            if (parts.contains("memory")) {
                bench.memory();
            }
        } finally {
            bench.rig.close();
        }
    }

    private void prepare(int layers, int mib) throws Exception {
        a = rig.registry().name("bench-a").start();
        b = rig.registry().name("bench-b").start();
        Path context = Files.createTempDirectory(rig.dir(), "random-");
        StringBuilder dockerfile = new StringBuilder("FROM " + rig.baseImage() + "\n");
        for (int i = 1; i <= layers; i++) {
            dockerfile.append("RUN head -c ").append(mib * 1048576L).append(" /dev/urandom > /layer").append(i).append('\n');
        }
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        rig.docker("build", "--network", "none", "-t", "bench/random:1", context.toString());
        image = a.host() + "/bench/random:1";
        rig.docker("tag", "bench/random:1", image);
        rig.docker("push", image);
        RegistryClient client = RegistryClient.builder().build();
        imageBytes = client.pullManifest(ImageReference.parse(image)).references().stream().mapToLong(d -> d.size()).sum();
        System.out.printf("image: %d layers of %d MiB random data on busybox, %.1f MiB in the registry%n%n", layers, mib,
                imageBytes / 1048576.0);
    }

    private void promoteCold() throws Exception {
        double[] process = new double[runs];
        double[] inProcess = new double[runs];
        double[] skopeo = new double[runs];
        double[] inProcessCpu = new double[runs];
        double[] skopeoCpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            // a fresh target each time: no tool may find the blobs already there (skopeo's blob cache would mount them)
            try (RigRegistry target = rig.registry().name("cold-cli-" + i).start()) {
                process[i] = seconds(() -> cli("copy", image, target.host() + "/cold/app:1"));
            }
            try (RigRegistry target = rig.registry().name("cold-lib-" + i).start()) {
                double cpuBefore = processCpuSeconds();
                inProcess[i] = seconds(() -> copy(image, target.host() + "/cold/app:1"));
                inProcessCpu[i] = processCpuSeconds() - cpuBefore;
            }
            try (RigRegistry target = rig.registry().name("cold-skopeo-" + i).start()) {
                long start = System.nanoTime();
                skopeoCpu[i] = usage(List.of("skopeo", "copy", "--policy", policy.toString(), "--src-tls-verify=false",
                        "--dest-tls-verify=false", "docker://" + image, "docker://" + target.host() + "/cold/app:1")).cpuSeconds();
                skopeo[i] = (System.nanoTime() - start) / 1e9;
            }
        }
        double mib = imageBytes / 1048576.0;
        System.out.printf("promote A->B cold, median of %d: registry-steps CLI %.2f s (%.0f MiB/s), in-process %.2f s (%.0f MiB/s), "
                        + "skopeo %.2f s (%.0f MiB/s); ratio CLI/skopeo %.2f, in-process/skopeo %.2f%n", runs,
                median(process), mib / median(process), median(inProcess), mib / median(inProcess), median(skopeo),
                mib / median(skopeo), median(process) / median(skopeo), median(inProcess) / median(skopeo));
        // the client's own CPU, which the machine's load hardly changes: the wall clock also waits for both registries
        System.out.printf("  client CPU (user + system) of that copy, median: registry-steps in-process %.2f s, skopeo %.2f s; "
                + "ratio %.2f%n", median(inProcessCpu), median(skopeoCpu), median(inProcessCpu) / median(skopeoCpu));
    }

    private void promoteWarm() throws Exception {
        cli("copy", image, b.host() + "/warm-cli/app:1");
        skopeo("copy", "docker://" + image, "docker://" + b.host() + "/warm-skopeo/app:1");
        int ours = requests(() -> cli("copy", image, b.host() + "/warm-cli/app:1"));
        int theirs = requests(() -> skopeo("copy", "docker://" + image, "docker://" + b.host() + "/warm-skopeo/app:1"));
        System.out.printf("promote warm (target already has the image): registry-steps %d requests, skopeo %d%n", ours, theirs);
    }

    private void sameRegistry() throws Exception {
        int mark = a.accessLog().size();
        cli("copy", image, a.host() + "/same-cli/app:1");
        long oursUploads = blobUploads(a, mark);
        mark = a.accessLog().size();
        skopeo("copy", "docker://" + image, "docker://" + a.host() + "/same-skopeo/app:1");
        long theirUploads = blobUploads(a, mark);
        System.out.printf("same-registry copy to a new repository: blob uploads registry-steps %d, skopeo %d "
                + "(each upload moves a whole blob; a mount moves none)%n", oursUploads, theirUploads);
    }

    private void retag() throws Exception {
        double[] ours = new double[runs];
        double[] theirs = new double[runs];
        for (int i = 0; i < runs; i++) {
            int n = i;
            ours[i] = seconds(() -> cli("retag", image, "rs-" + n));
            theirs[i] = seconds(() -> skopeo("copy", "docker://" + image, "docker://" + a.host() + "/bench/random:sk-" + n));
        }
        int oursRequests = requests(a, () -> cli("retag", image, "rs-count"));
        int theirRequests = requests(a, () -> skopeo("copy", "docker://" + image, "docker://" + a.host() + "/bench/random:sk-count"));
        System.out.printf("retag: registry-steps %d requests, %.2f s; skopeo %d requests, %.2f s; wall ratio %.2f%n",
                oursRequests, median(ours), theirRequests, median(theirs), median(ours) / median(theirs));
    }

    private void memory() throws Exception {
        Usage ours;
        Usage theirs;
        // fresh targets, as for the cold promotions: skopeo would otherwise mount blobs it saw in registry B
        try (RigRegistry target = rig.registry().name("memory-cli").start()) {
            ours = usage(List.of("java", "-Xmx128m", "-XX:+UseSerialGC", "-Xshare:auto", "-jar", cliJar.toString(), "copy",
                    image, target.host() + "/memory/app:1"));
        }
        try (RigRegistry target = rig.registry().name("memory-skopeo").start()) {
            theirs = usage(List.of("skopeo", "copy", "--policy", policy.toString(), "--src-tls-verify=false",
                    "--dest-tls-verify=false", "docker://" + image, "docker://" + target.host() + "/memory/app:1"));
        }
        System.out.printf("peak resident memory of a cold copy: registry-steps CLI %.0f MiB (whole JVM), skopeo %.0f MiB%n",
                ours.peakKib() / 1024.0, theirs.peakKib() / 1024.0);
        System.out.printf("CPU time of that copy (user + system): registry-steps CLI %.2f s, skopeo %.2f s; ratio %.2f%n",
                ours.cpuSeconds(), theirs.cpuSeconds(), ours.cpuSeconds() / theirs.cpuSeconds());
    }

    /** What /usr/bin/time measured of a process. */
    private record Usage(long peakKib, double cpuSeconds) {
    }

    private void copy(String from, String to) throws Exception {
        CopyResult result;
        try (RegistryClient client = RegistryClient.builder().build()) {
            result = new ImageCopier(client).copy(ImageReference.parse(from), ImageReference.parse(to));
        }
        if (result.bytesUploaded() == 0) {
            throw new IllegalStateException("a cold copy should move bytes");
        }
    }

    private void cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx128m", "-XX:+UseSerialGC", "-Xshare:auto", "-jar",
                cliJar.toString()));
        command.addAll(Arrays.asList(args));
        run(command);
    }

    private void skopeo(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("skopeo", args[0], "--policy", policy.toString(),
                "--src-tls-verify=false", "--dest-tls-verify=false"));
        command.addAll(Arrays.asList(args).subList(1, args.length));
        run(command);
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
    }

    private Usage usage(List<String> command) throws Exception {
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "peak-kib %M %U %S"));
        timed.addAll(command);
        Process process = new ProcessBuilder(timed).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", timed) + " failed:\n" + out);
        }
        String line = out.lines().filter(l -> l.startsWith("peak-kib ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no peak from /usr/bin/time:\n" + out));
        String[] fields = line.substring("peak-kib ".length()).strip().split(" ");
        return new Usage(Long.parseLong(fields[0]), Double.parseDouble(fields[1]) + Double.parseDouble(fields[2]));
    }

    /** Requests to both registries while the action runs. */
    private int requests(Action action) throws Exception {
        int markA = a.accessLog().size();
        int markB = b.accessLog().size();
        action.run();
        Thread.sleep(300);
        return a.accessLog().size() - markA + b.accessLog().size() - markB;
    }

    private static int requests(RigRegistry registry, Action action) throws Exception {
        int mark = registry.accessLog().size();
        action.run();
        Thread.sleep(300);
        return registry.accessLog().size() - mark;
    }

    private static long blobUploads(RigRegistry registry, int mark) throws InterruptedException {
        Thread.sleep(300);
        List<String> lines = registry.accessLog();
        return lines.subList(mark, lines.size()).stream()
                .filter(line -> line.contains("\"PUT /v2/") && line.contains("/blobs/uploads/")).count();
    }

    /** CPU time of this JVM so far; the in-process copy is the only work it does meanwhile. */
    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }
}
