package io.jenkins.plugins.registrysteps.engine.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerException;
import io.jenkins.plugins.registrysteps.engine.docker.LineSink;
import io.jenkins.plugins.registrysteps.engine.docker.LocalImage;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.registry.Descriptor;
import io.jenkins.plugins.registrysteps.engine.registry.Digest;
import io.jenkins.plugins.registrysteps.engine.registry.ImageSize;
import io.jenkins.plugins.registrysteps.engine.registry.Manifest;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;

/**
 * Pushes an image from the Docker daemon to registries without the daemon's push, which gzips every layer on one core:
 * the image is saved ({@code docker save}) and read as it streams, each layer is compressed on a thread of its own
 * (stored when it does not compress) and uploaded while it is compressed. Layers that the {@link LayerCache} can name
 * are checked in the registry first and skipped or mounted; a target whose tags already hold the image costs one
 * request per tag. The config, then the manifest (Docker schema 2) go up after all layers, the tags last, so a failed
 * push never leaves a tag on half an image. An image the engine cannot push itself goes through the daemon's push,
 * and the log says why; a push whose client was cancelled ({@link RegistryClient#cancel()}) just stops.
 */
public final class SavedImagePusher {

    public static final String LAYER_MEDIA_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String CONFIG_MEDIA_TYPE = "application/vnd.docker.container.image.v1+json";
    private static final int BLOB_ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerDaemon daemon;
    private final RegistryClient client;
    private final LayerCache cache;
    private final int level;
    private final int threads;
    private final ImageSaver saver;
    private final DaemonPush daemonPush;

    /** The daemon's push of one tag, with whatever login the caller holds for it; returns the digest it stored. */
    @FunctionalInterface
    public interface DaemonPush {
        String push(String localImage, ImageReference repository, String tag, LineSink log) throws IOException;
    }

    /** Where the saved image comes from: the daemon's {@code docker save}, or a test's broken copy of it. */
    @FunctionalInterface
    interface ImageSaver {
        InputStream save(String image) throws DockerException;
    }

    /**
     * A pusher whose client logs in where the images go (and reads back what the daemon pushed, when it does); gzip
     * level 1 where it pays, one layer per core at a time.
     *
     * @param daemonPush pushes an image the engine cannot push itself
     */
    public SavedImagePusher(DockerDaemon daemon, RegistryClient client, LayerCache cache, DaemonPush daemonPush) {
        this(daemon, client, cache, Deflater.BEST_SPEED, Math.max(2, Runtime.getRuntime().availableProcessors()), daemon::save,
                daemonPush);
    }

    private SavedImagePusher(DockerDaemon daemon, RegistryClient client, LayerCache cache, int level, int threads,
            ImageSaver saver, DaemonPush daemonPush) {
        this.daemon = daemon;
        this.client = client;
        this.cache = cache;
        this.level = level;
        this.threads = threads;
        this.saver = saver;
        this.daemonPush = daemonPush;
    }

    /** The same pusher reading saved images from {@code other}. */
    SavedImagePusher withSaver(ImageSaver other) {
        return new SavedImagePusher(daemon, client, cache, level, threads, other, daemonPush);
    }

    /**
     * Pushes a local image to every target under each of its tags.
     *
     * @return the manifest digest (the same under every tag) and what moved
     */
    public PushResult push(String localImage, List<PushTarget> targets, LineSink log) throws IOException {
        LocalImage local = daemon.inspect(localImage);
        try {
            return new Push(local, targets, log).run(localImage);
        } catch (UnsupportedImageException e) {
            log.line("pushing " + localImage + " through the Docker daemon instead: " + e.getMessage());
            return throughDaemon(localImage, targets, log);
        } catch (RegistryException e) {
            throw new RegistryException("push " + String.join(", ", targets.stream()
                    .map(t -> t.repository().withTag(t.tags().get(0)).toString()).toList()) + ": " + e.getMessage(), e.status());
        }
    }

    /** The daemon's push of every tag, which must all land on one digest; the size is read back from the registry. */
    private PushResult throughDaemon(String localImage, List<PushTarget> targets, LineSink log) throws IOException {
        String digest = null;
        for (PushTarget target : targets) {
            for (String tag : target.tags()) {
                String pushed = daemonPush.push(localImage, target.repository(), tag, log);
                if (digest != null && !digest.equals(pushed)) {
                    throw new DockerException("push " + target.repository().withTag(tag) + ": stored as " + pushed
                            + ", not as " + digest + " like the tags before it");
                }
                digest = pushed;
            }
        }
        ImageReference first = targets.get(0).repository();
        long size = ImageSize.of(client, new ImageReference(first.registry(), first.path(), null, digest));
        return new PushResult(Digest.parse(digest), size, true, 0, 0, 0, 0);
    }

    /** One push of one image: what is known of its layers, and what moved. */
    private final class Push {
        private final Digest configDigest;
        private final List<Digest> diffIds;
        private final List<PushTarget> targets;
        private final LineSink log;
        private final Map<Digest, Descriptor> blobs = new ConcurrentHashMap<>();
        private final Map<Digest, Descriptor> cached = new ConcurrentHashMap<>();
        private final List<PushTarget> pending = new ArrayList<>();
        private final AtomicInteger uploaded = new AtomicInteger();
        private final AtomicInteger present = new AtomicInteger();
        private final AtomicInteger mounted = new AtomicInteger();
        private final AtomicLong bytes = new AtomicLong();

        Push(LocalImage local, List<PushTarget> targets, LineSink log) throws UnsupportedImageException {
            try {
                this.configDigest = Digest.parse(local.id());
                this.diffIds = local.diffIds().stream().map(Digest::parse).toList();
            } catch (IllegalArgumentException e) {
                throw new UnsupportedImageException("the daemon names the image or its layers in a way not known here", e);
            }
            if (local.os() != null && !local.os().equals("linux")) {
                throw new UnsupportedImageException("the image is for " + local.os() + " (foreign layers are not pushed here)");
            }
            this.targets = targets;
            this.log = log;
        }

        PushResult run(String localImage) throws IOException {
            byte[] config = cache.config(configDigest).orElse(null);
            Set<Digest> distinct = new LinkedHashSet<>(diffIds);
            distinct.forEach(diffId -> cache.layer(diffId).ifPresent(known -> cached.put(diffId, known.blob())));
            blobs.putAll(cached);
            Optional<Manifest> known = config != null && blobs.keySet().containsAll(distinct)
                    ? Optional.of(manifest(config)) : Optional.empty();
            for (PushTarget target : targets) {
                if (known.isEmpty() || !tagged(target, known.get())) {
                    pending.add(target);
                }
            }
            if (pending.isEmpty()) {
                log.line("every tag already holds " + known.get().digest() + ": nothing to push");
                return result(known.get(), config);
            }
            Map<Digest, List<PushTarget>> missing = new LinkedHashMap<>();
            for (PushTarget target : pending) {
                for (Digest diffId : distinct) {
                    if (!inRegistry(target, diffId)) {
                        missing.computeIfAbsent(diffId, d -> new ArrayList<>()).add(target);
                    }
                }
            }
            log.line(distinct.size() + " layers: " + (distinct.size() - missing.size()) + " in the registry, "
                    + missing.size() + " to compress and upload");
            if (!missing.isEmpty() || config == null) {
                config = saveAndUpload(localImage, missing);
            }
            Manifest manifest = manifest(config);
            for (PushTarget target : pending) {
                if (!client.hasBlob(target.repository(), configDigest)) {
                    client.pushBlob(target.repository(), config);
                }
                for (String tag : target.tags()) {
                    client.pushManifest(target.repository().withTag(tag), manifest);
                }
            }
            cache.putConfig(config);
            return result(manifest, config);
        }

        private boolean tagged(PushTarget target, Manifest manifest) throws RegistryException {
            for (String tag : target.tags()) {
                if (!client.manifestDigest(target.repository().withTag(tag)).equals(Optional.of(manifest.digest()))) {
                    return false;
                }
            }
            return true;
        }

        /** Whether the target has (or now has, by a mount) the blob the cache knows for the layer. */
        private boolean inRegistry(PushTarget target, Digest diffId) throws RegistryException {
            Optional<LayerCache.CachedLayer> known = cache.layer(diffId);
            if (known.isEmpty()) {
                return false;
            }
            ImageReference repository = target.repository();
            Digest blob = known.get().blob().digest();
            Optional<ImageReference> source = known.get().repositories().stream()
                    .filter(r -> !r.equals(repository.repository()) && r.startsWith(repository.registry() + "/"))
                    .map(r -> new ImageReference(repository.registry(), r.substring(repository.registry().length() + 1), null, null))
                    .findFirst();
            if (source.isPresent() && !known.get().repositories().contains(repository.repository())) {
                if (client.mountBlob(repository, blob, source.get())) {
                    mounted.incrementAndGet();
                    cache.putLayer(diffId, known.get().blob(), known.get().compression(), repository.repository());
                    return true;
                }
                return false;
            }
            if (client.hasBlob(repository, blob)) {
                present.incrementAndGet();
                return true;
            }
            return false;
        }

        /**
         * Reads the saved image; every missing layer goes up as soon as it is written out. At most two layers per thread
         * wait in the {@link Spool} (reading pauses meanwhile), and a failed upload stops the reading. Returns the config.
         */
        private byte[] saveAndUpload(String localImage, Map<Digest, List<PushTarget>> missing) throws IOException {
            Spool spool = Spool.create();
            List<Thread> workers = new CopyOnWriteArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, "registry-steps layer push");
                thread.setDaemon(true);
                workers.add(thread);
                return thread;
            });
            Semaphore waiting = new Semaphore(2 * threads);
            List<Future<?>> uploads = new ArrayList<>();
            try {
                ImageArchive.Contents contents;
                try (InputStream tar = saver.save(localImage)) {
                    contents = ImageArchive.read(tar, configDigest, missing.keySet(), spool, (diffId, file) -> {
                        awaitFailed(uploads);
                        acquire(waiting);
                        uploads.add(pool.submit(() -> {
                            try {
                                upload(diffId, file, missing.get(diffId));
                                return null;
                            } finally {
                                waiting.release();
                            }
                        }));
                    });
                } catch (UnsupportedImageException | RegistryException | InterruptedIOException e) {
                    throw e;
                } catch (IOException e) {
                    if (client.isCancelled()) {
                        // the run was cancelled and closed the save: no daemon push instead
                        throw new InterruptedIOException("push " + localImage + ": cancelled");
                    }
                    // the daemon's own push needs neither its save nor this spool folder
                    throw new UnsupportedImageException("docker save of " + localImage + " failed", e);
                }
                await(uploads);
                log.line("read the saved image (" + contents.layout() + " layout)");
                return contents.config();
            } finally {
                uploads.forEach(f -> f.cancel(true));
                pool.shutdownNow();
                // an upload blocked on its socket does not see the interrupt: its requests are aborted
                workers.forEach(client::abortRequestsOf);
                spool.close();
            }
        }

        /**
         * Compresses one layer on the way up to the first target; mounted into others of that registry, uploaded to
         * the rest. Should the blob differ from the one the cache knew (another zlib, say), the targets that hold the
         * old one get the new one too, since one manifest names it for all.
         */
        private void upload(Digest diffId, Path file, List<PushTarget> targets) throws IOException {
            try {
                int chosen = LayerGzip.levelFor(file, level);
                long started = System.nanoTime();
                Descriptor blob = null;
                ImageReference holder = null;
                List<PushTarget> receivers = new ArrayList<>(targets);
                for (int i = 0; i < receivers.size(); i++) {
                    ImageReference repository = receivers.get(i).repository();
                    if (holder != null && holder.registry().equals(repository.registry())
                            && client.mountBlob(repository, blob.digest(), holder)) {
                        mounted.incrementAndGet();
                    } else {
                        blob = uploadOnce(repository, file, chosen);
                        holder = repository;
                        uploaded.incrementAndGet();
                        bytes.addAndGet(blob.size());
                        if (i == 0 && cached.containsKey(diffId) && !cached.get(diffId).equals(blob)) {
                            pending.stream().filter(t -> !receivers.contains(t)).forEach(receivers::add);
                        }
                    }
                    cache.putLayer(diffId, blob, LayerGzip.describe(chosen), repository.repository());
                }
                blobs.put(diffId, blob);
                log.line(String.format("layer %s: %.1f MiB as %.1f MiB (%s) in %.1f s", shortId(diffId),
                        Files.size(file) / 1048576.0, blob.size() / 1048576.0, LayerGzip.describe(chosen),
                        (System.nanoTime() - started) / 1e9));
            } finally {
                Files.deleteIfExists(file);
            }
        }

        /** A broken upload cannot be resumed safely: each attempt opens a new session and compresses afresh. */
        private Descriptor uploadOnce(ImageReference repository, Path file, int chosen) throws RegistryException {
            for (int attempt = 1; ; attempt++) {
                try {
                    return client.pushBlob(repository, LAYER_MEDIA_TYPE, out -> {
                        try (InputStream in = Files.newInputStream(file)) {
                            LayerGzip.write(in, out, chosen);
                        }
                    });
                } catch (RegistryException e) {
                    if (attempt >= BLOB_ATTEMPTS || !(e.status() == 0 || e.status() >= 500 || e.status() == 404)) {
                        throw e;
                    }
                }
            }
        }

        private Manifest manifest(byte[] config) {
            ObjectNode root = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", Manifest.DOCKER_V2);
            root.putObject("config").put("mediaType", CONFIG_MEDIA_TYPE).put("size", config.length)
                    .put("digest", configDigest.toString());
            ArrayNode layers = root.putArray("layers");
            for (Digest diffId : diffIds) {
                Descriptor blob = blobs.get(diffId);
                layers.addObject().put("mediaType", blob.mediaType()).put("size", blob.size()).put("digest", blob.digest().toString());
            }
            try {
                return Manifest.of(JSON.writeValueAsBytes(root), Manifest.DOCKER_V2);
            } catch (IOException e) {
                throw new IllegalStateException("a tree of strings and numbers always serialises", e);
            }
        }

        private PushResult result(Manifest manifest, byte[] config) {
            long size = config.length + diffIds.stream().mapToLong(d -> blobs.get(d).size()).sum();
            return new PushResult(manifest.digest(), size, false, uploaded.get(), present.get(), mounted.get(), bytes.get());
        }

        /** Throws the failure of an upload that already failed, so that reading stops. */
        private void awaitFailed(List<Future<?>> uploads) throws IOException {
            List<Future<?>> done = uploads.stream().filter(Future::isDone).toList();
            await(done);
        }

        private void acquire(Semaphore waiting) throws IOException {
            try {
                waiting.acquire();
            } catch (InterruptedException e) {
                throw interrupted();
            }
        }

        private InterruptedIOException interrupted() {
            Thread.currentThread().interrupt();
            return new InterruptedIOException("push " + configDigest + ": interrupted");
        }

        private void await(List<Future<?>> uploads) throws IOException {
            for (Future<?> upload : uploads) {
                try {
                    upload.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException("push a layer", e.getCause());
                } catch (InterruptedException e) {
                    throw interrupted();
                }
            }
        }
    }

    private static String shortId(Digest digest) {
        return digest.hex().substring(0, 12);
    }
}
