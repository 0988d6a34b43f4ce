package io.jenkins.plugins.registrysteps.bench;

import static io.jenkins.plugins.registrysteps.bench.Timing.median;
import static io.jenkins.plugins.registrysteps.bench.Timing.seconds;

import io.jenkins.plugins.registrysteps.bench.Timing.Action;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerEndpoint;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.push.SavedImagePusher;
import io.jenkins.plugins.registrysteps.engine.push.LayerCache;
import io.jenkins.plugins.registrysteps.engine.push.PushTarget;
import io.jenkins.plugins.registrysteps.engine.registry.Descriptor;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * registry-steps' push (the engine's {@link SavedImagePusher}, in-process as the runner and the Jenkins agent use it)
 * against {@code docker push} on the same image and daemon, in one run: cold (a fresh registry and an empty layer
 * cache each time), warm (the registry has the image) with requests counted from the registry's access log, and an
 * image of compressible text to show that gzip is still used where it pays.
 *
 * <p>Arguments: the CLI jar (for the whole-process row), then optionally the runs per measurement (5), layers (8) and
 * MiB per layer (32).
 */
public final class PushBenchmark {

    private final Rig rig = Rig.get();
    private final Path cliJar;
    private final int runs;
    private DockerDaemon daemon;
    private RegistryClient client;

    private PushBenchmark(Path cliJar, int runs) {
        this.cliJar = cliJar;
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        Path cli = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int layers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int mib = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        PushBenchmark bench = new PushBenchmark(cli, runs);
        try {
            bench.daemon = DockerDaemon.connect(DockerEndpoint.fromEnvironment(Map.of("DOCKER_HOST", bench.rig.dockerHost()),
                    bench.rig.dir()));
            bench.client = RegistryClient.builder().build();
            // -Dbench.only=random,text runs a part of the table
            Set<String> parts = Set.of(System.getProperty("bench.only", "random,text").split(","));
            if (parts.contains("random")) {
                String image = bench.build("bench/random:1", layers, "head -c " + mib * 1048576L + " /dev/urandom");
                bench.cold(image, layers + " x " + mib + " MiB random");
                bench.warm(image);
            }
            if (parts.contains("text")) {
                String image = bench.build("bench/text:1", layers, "seq 1 8000000 | head -c " + mib * 1048576L);
                bench.cold(image, layers + " x " + mib + " MiB of text (seq)");
            }
        } finally {
            bench.rig.close();
        }
    }

    /** An image of {@code layers} layers on busybox, each written by {@code command} (layer number appended to vary it). */
    private String build(String name, int layers, String command) throws Exception {
        Path context = Files.createTempDirectory(rig.dir(), "push-image-");
        StringBuilder dockerfile = new StringBuilder("FROM " + rig.baseImage() + "\n");
        for (int i = 1; i <= layers; i++) {
            dockerfile.append("RUN (echo layer ").append(i).append("; ").append(command).append(") > /layer").append(i).append('\n');
        }
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        rig.docker("build", "--network", "none", "-t", name, context.toString());
        return name;
    }

    private void cold(String image, String what) throws Exception {
        double[] ours = new double[runs];
        double[] theirs = new double[runs];
        double[] process = new double[runs];
        double[] save = new double[runs];
        double[] firstByte = new double[runs];
        double[] ingest = new double[runs];
        double[] oursCpu = new double[runs];
        double[] theirCpu = new double[runs];
        long oursBytes = 0;
        long theirBytes = 0;
        long rawBytes = Long.parseLong(rig.docker("inspect", "-f", "{{ .Size }}", image).strip());
        for (int i = 0; i < runs; i++) {
            // fresh registries and an empty cache: nothing can be skipped or mounted
            try (RigRegistry target = rig.registry().name("push-cold-rs-" + i).start()) {
                LayerCache cache = LayerCache.at(Files.createTempDirectory(rig.dir(), "cold-cache-"));
                String ref = target.host() + "/cold/app:1";
                sync();
                Cpu cpu = new Cpu(target, true);
                ours[i] = seconds(() -> push(cache, image, ref));
                oursCpu[i] = cpu.used();
                oursBytes = pushedBytes(ref);
                ingest[i] = ingest(ref);
            }
            sync();
            long started = System.nanoTime();
            double[] first = new double[1];
            save[i] = seconds(() -> {
                try (InputStream tar = daemon.save(image)) {
                    tar.read();
                    first[0] = (System.nanoTime() - started) / 1e9;
                    tar.transferTo(OutputStream.nullOutputStream());
                }
            });
            firstByte[i] = first[0];
            try (RigRegistry target = rig.registry().name("push-cold-cli-" + i).start()) {
                sync();
                process[i] = seconds(() -> cliPush(image, target.host()));
            }
            try (RigRegistry target = rig.registry().name("push-cold-docker-" + i).start()) {
                String ref = target.host() + "/cold/app:1";
                rig.docker("tag", image, ref);
                sync();
                Cpu cpu = new Cpu(target, false);
                theirs[i] = seconds(() -> rig.docker("push", ref));
                theirCpu[i] = cpu.used();
                theirBytes = pushedBytes(ref);
                rig.docker("rmi", ref);
            }
        }
        double mib = rawBytes / 1048576.0;
        System.out.printf("%s cold push, median of %d: registry-steps %.2f s (%.0f MiB/s of layers), docker push %.2f s "
                        + "(%.0f MiB/s); ratio docker/registry-steps %.2f; in the registry: registry-steps %.1f MiB, docker %.1f MiB%n",
                what, runs, median(ours), mib / median(ours), median(theirs), mib / median(theirs),
                median(theirs) / median(ours), oursBytes / 1048576.0, theirBytes / 1048576.0);
        // the floor under any push that reads docker save: dockerd writes every layer out before its first byte
        System.out.printf("  docker save alone (read and dropped), median: %.2f s, its first byte after %.2f s; registry-steps "
                + "beyond the whole save: %.2f s%n", median(save), median(firstByte), median(ours) - median(save));
        // no push that reads docker save can beat this: the daemon's wait before the first byte, then the registry taking
        // the same blobs as fast as it can, with nothing else to do
        double bound = median(firstByte) + median(ingest);
        System.out.printf("  bound: first byte of the save + the registry's intake of the pushed blobs alone (2 at a time, from "
                + "memory, %.2f s) = %.2f s; ratio docker/bound %.2f%n", median(ingest), bound, median(theirs) / bound);
        // with the CPU the push costs: the save's wait runs on one core, everything else shares them all
        int cores = Runtime.getRuntime().availableProcessors();
        double cpuBound = median(firstByte) + (median(oursCpu) - median(firstByte)) / cores;
        System.out.printf("  CPU bound on %d cores: first byte %.2f s + (CPU %.2f s - %.2f s) / %d = %.2f s; ratio docker/CPU bound %.2f%n",
                cores, median(firstByte), median(oursCpu), median(firstByte), cores, cpuBound, median(theirs) / cpuBound);
        System.out.printf("  whole CLI process (registry-steps push, JVM start and JIT included), median: %.2f s; ratio docker/CLI %.2f%n",
                median(process), median(theirs) / median(process));
        // CPU the push cost the whole machine (dockerd, registry, and this JVM for ours): what the load hardly changes
        System.out.printf("  CPU (user + system) of dockerd + registry + pusher, median: registry-steps %.2f s, docker push %.2f s; "
                + "ratio %.2f%n", median(oursCpu), median(theirCpu), median(theirCpu) / median(oursCpu));
        System.out.println("  runs registry-steps " + Arrays.toString(ours) + ", docker " + Arrays.toString(theirs));
    }

    /**
     * CPU used from now on by dockerd, the target registry and, for registry-steps, this JVM (the push is all it does
     * meanwhile); the docker CLI only relays the daemon's progress and is left out.
     */
    private final class Cpu {
        private final List<Long> pids;
        private final boolean self;
        private final double start;

        Cpu(RigRegistry target, boolean self) {
            this.pids = List.of(pidOf(rig.dir().toString(), "dockerd"), pidOf(target.dir().toString(), "registry"));
            this.self = self;
            this.start = total();
        }

        double used() {
            return total() - start;
        }

        private double total() {
            double seconds = self ? ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e9 : 0;
            for (long pid : pids) {
                seconds += procCpuSeconds(pid);
            }
            return seconds;
        }
    }

    /** The process whose command names {@code binary} and mentions {@code folder}. */
    private static long pidOf(String folder, String binary) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(binary) && c.contains(folder)).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + binary + " process of " + folder)).pid();
    }

    /** utime + stime of /proc/PID/stat (fields 14 and 15), in clock ticks of 1/100 s. */
    private static double procCpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void warm(String image) throws Exception {
        try (RigRegistry target = rig.registry().name("push-warm").start()) {
            LayerCache cache = LayerCache.at(Files.createTempDirectory(rig.dir(), "warm-cache-"));
            String ours = target.host() + "/warm-rs/app:1";
            String theirs = target.host() + "/warm-docker/app:1";
            rig.docker("tag", image, theirs);
            push(cache, image, ours);
            rig.docker("push", theirs);
            double[] oursSeconds = new double[runs];
            double[] theirSeconds = new double[runs];
            int oursRequests = 0;
            int theirRequests = 0;
            for (int i = 0; i < runs; i++) {
                int mark = requests(target);
                oursSeconds[i] = seconds(() -> push(cache, image, ours));
                oursRequests = requests(target) - mark;
                mark = requests(target);
                theirSeconds[i] = seconds(() -> rig.docker("push", theirs));
                theirRequests = requests(target) - mark;
            }
            System.out.printf("warm push (the registry has the image), median of %d: registry-steps %d requests, %.3f s; "
                    + "docker push %d requests, %.3f s%n", runs, oursRequests, median(oursSeconds), theirRequests, median(theirSeconds));
        }
    }

    /** {@code registry-steps push IMAGE --registry HOST --image-name cold/app --tag 1}, with a layer cache of its own. */
    private void cliPush(String image, String registryHost) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("java", "-XX:+UseSerialGC", "-Xshare:auto", "-jar", cliJar.toString(),
                "push", image, "--registry", registryHost, "--image-name", "cold/app", "--tag", "1").redirectErrorStream(true);
        builder.environment().put("DOCKER_HOST", rig.dockerHost());
        builder.environment().put("XDG_CACHE_HOME", Files.createTempDirectory(rig.dir(), "cli-cache-").toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || out.contains("through the Docker daemon")) {
            throw new IllegalStateException("registry-steps push failed or went through the daemon:\n" + out);
        }
    }

    private void push(LayerCache cache, String image, String target) throws Exception {
        new SavedImagePusher(daemon, client, cache, (local, repository, tag, log) -> {
            throw new IllegalStateException("the benchmark image would go through the daemon's push");
        }).push(image, List.of(PushTarget.of(ImageReference.parse(target))), line -> { });
    }

    /**
     * Seconds a fresh registry takes to receive the layer blobs {@code image} has, two at a time from memory: how fast
     * the registry alone can take what a push must send.
     */
    private double ingest(String image) throws Exception {
        ImageReference source = ImageReference.parse(image);
        List<Descriptor> references = client.pullManifest(source).references();
        List<byte[]> blobs = new java.util.ArrayList<>();
        for (Descriptor layer : references.subList(1, references.size())) {
            blobs.add(client.pullBlob(source, layer, Integer.MAX_VALUE - 8));
        }
        try (RigRegistry fresh = rig.registry().name("push-ingest").start()) {
            ImageReference target = ImageReference.parse(fresh.host() + "/ingest/app");
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                sync();
                return seconds(() -> {
                    List<java.util.concurrent.Future<?>> uploads = new java.util.ArrayList<>();
                    for (byte[] blob : blobs) {
                        uploads.add(pool.submit(() -> client.pushBlob(target, blob)));
                    }
                    for (java.util.concurrent.Future<?> upload : uploads) {
                        upload.get();
                    }
                });
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Writes out what earlier runs left in the page cache, so that no run pays for the one before it. */
    private static void sync() throws Exception {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    /** Layer bytes the registry holds for the image (what a pull downloads). */
    private long pushedBytes(String image) throws Exception {
        List<Descriptor> references = client.pullManifest(ImageReference.parse(image)).references();
        return references.subList(1, references.size()).stream().mapToLong(Descriptor::size).sum();
    }

    private static int requests(RigRegistry registry) throws InterruptedException {
        Thread.sleep(300); // a line is written just after its response
        return registry.accessLog().size();
    }
}
