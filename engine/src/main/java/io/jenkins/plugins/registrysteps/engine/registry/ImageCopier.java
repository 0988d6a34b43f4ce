package io.jenkins.plugins.registrysteps.engine.registry;

import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies an image between repositories or registries without a Docker daemon, keeping its digest (crane copy): blobs
 * the target has are skipped, blobs in the same registry are mounted, the rest stream across, several at once; the
 * children of an index go before the index; the tag is written last, so a failed copy never leaves it pointing at a
 * partial image.
 */
public final class ImageCopier {

    private static final int BLOBS_IN_FLIGHT = 4;
    private static final int BLOB_ATTEMPTS = 3;

    private final RegistryClient client;

    public ImageCopier(RegistryClient client) {
        this.client = client;
    }

    public CopyResult copy(ImageReference source, ImageReference target) throws RegistryException {
        Manifest manifest = client.pullManifest(source);
        Counts counts = new Counts();
        Optional<Digest> present = target.digest() == null ? client.manifestDigest(target) : Optional.empty();
        if (present.isPresent() && present.get().equals(manifest.digest())) {
            return counts.result(manifest);
        }
        try (Workers workers = new Workers()) {
            copyContent(source, target, manifest, counts, workers);
        }
        client.pushManifest(target, manifest);
        return counts.result(manifest);
    }

    /** Brings the given blobs of {@code source} to {@code target}: skipped when there, mounted or streamed otherwise. */
    CopyResult copyBlobs(ImageReference source, ImageReference target, List<Descriptor> blobs, Manifest result)
            throws RegistryException {
        Counts counts = new Counts();
        try (Workers workers = new Workers()) {
            copyBlobs(source, target, blobs, counts, workers);
        }
        return counts.result(result);
    }

    /**
     * The threads that move blobs. Closing them also aborts their open requests: a failed or cancelled copy must not
     * go on streaming in the background, and a thread blocked on a socket does not notice an interrupt.
     */
    private final class Workers implements AutoCloseable {
        private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        private final ExecutorService pool = Executors.newFixedThreadPool(BLOBS_IN_FLIGHT, runnable -> {
            Thread thread = new Thread(runnable, "registry-steps blob copy");
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        });

        Future<?> submit(Callable<?> task) {
            return pool.submit(task);
        }

        @Override
        public void close() {
            pool.shutdownNow();
            threads.forEach(client::abortRequestsOf);
        }
    }

    private void copyContent(ImageReference source, ImageReference target, Manifest manifest, Counts counts, Workers workers)
            throws RegistryException {
        List<Descriptor> references = references(manifest, source);
        if (!manifest.isIndex()) {
            copyBlobs(source, target, references, counts, workers);
            return;
        }
        for (Descriptor child : references) {
            ImageReference childSource = new ImageReference(source.registry(), source.path(), null, child.digest().toString());
            ImageReference childTarget = new ImageReference(target.registry(), target.path(), null, child.digest().toString());
            Manifest childManifest = client.pullManifest(childSource);
            copyContent(childSource, childTarget, childManifest, counts, workers);
            client.pushManifest(childTarget, childManifest);
        }
    }

    private void copyBlobs(ImageReference source, ImageReference target, List<Descriptor> blobs, Counts counts, Workers workers)
            throws RegistryException {
        List<Future<?>> running = new ArrayList<>();
        for (Descriptor blob : blobs) {
            running.add(workers.submit(() -> {
                copyBlob(source, target, blob, counts);
                return null;
            }));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                running.forEach(f -> f.cancel(true));
                throw unwrap(e.getCause());
            } catch (InterruptedException e) {
                running.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new RegistryException("copy " + source + " to " + target + ": interrupted", 0);
            }
        }
    }

    private void copyBlob(ImageReference source, ImageReference target, Descriptor blob, Counts counts) throws RegistryException {
        if (client.hasBlob(target, blob.digest())) {
            counts.skipped.incrementAndGet();
            return;
        }
        if (source.registry().equals(target.registry()) && !source.path().equals(target.path())
                && client.mountBlob(target, blob.digest(), source)) {
            counts.mounted.incrementAndGet();
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                client.copyBlob(source, target, blob);
                counts.uploaded.incrementAndGet();
                counts.bytes.addAndGet(blob.size());
                return;
            } catch (RegistryException e) {
                // a new upload session is the only safe retry after a broken one
                if (attempt >= BLOB_ATTEMPTS || !(e.status() == 0 || e.status() >= 500 || e.status() == 404)) {
                    throw e;
                }
            }
        }
    }

    private static List<Descriptor> references(Manifest manifest, ImageReference source) throws RegistryException {
        try {
            return manifest.references();
        } catch (IOException | IllegalArgumentException e) {
            throw new RegistryException("read manifest " + manifest.digest() + " of " + source.repository(), e);
        }
    }

    private static RegistryException unwrap(Throwable cause) {
        if (cause instanceof RegistryException registry) {
            return registry;
        }
        return new RegistryException("copy blob", cause);
    }

    private static final class Counts {
        final AtomicInteger skipped = new AtomicInteger();
        final AtomicInteger mounted = new AtomicInteger();
        final AtomicInteger uploaded = new AtomicInteger();
        final AtomicLong bytes = new AtomicLong();

        CopyResult result(Manifest manifest) {
            return new CopyResult(manifest.digest(), manifest.mediaType(), skipped.get(), mounted.get(), uploaded.get(), bytes.get());
        }
    }
}
