package io.jenkins.plugins.registrysteps.engine.push;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where layers wait between the saved image and their upload. A layer goes to memory-backed storage ({@code /dev/shm})
 * when that has room for it with half of it still free, and it is at most an eighth of the machine's available memory
 * and at most {@value #MEMORY_LAYER_LIMIT} bytes: the few layers that wait at once take a bounded share of a build
 * agent's memory. Others go to the temporary folder on disk. On a disk the page cache, delayed allocation and the unlink of every
 * layer's file cost the daemon, the registry and the pusher about a second of a 257 MiB push on two cores; in memory
 * the same push takes a third less time. At most a few layers wait at once, each deleted as soon as it is up.
 */
final class Spool implements Closeable {

    static final Path MEMORY = Path.of("/dev/shm");
    /** The largest layer that waits in memory (1 GiB). */
    static final long MEMORY_LAYER_LIMIT = 1L << 30;
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private final Path disk;
    private final Path memory;
    private final Path meminfo;
    private final List<Path> created = new ArrayList<>();

    private Spool(Path disk, Path memory, Path meminfo) {
        this.disk = disk;
        this.memory = memory;
        this.meminfo = meminfo;
    }

    /** A spool in the JVM's temporary folder, and in {@code /dev/shm} where it can be written. */
    static Spool create() {
        return new Spool(Path.of(System.getProperty("java.io.tmpdir")), Files.isDirectory(MEMORY) && Files.isWritable(MEMORY)
                ? MEMORY : null, MEMINFO);
    }

    /** A spool on {@code disk} and, when not null, {@code memory} with the machine's memory read from {@code meminfo}. */
    static Spool of(Path disk, Path memory, Path meminfo) {
        return new Spool(disk, memory, meminfo);
    }

    /** A new empty file for a layer of {@code size} bytes, in memory where it fits. */
    synchronized Path file(long size) throws IOException {
        Path folder = fitsInMemory(size) ? folder(memory) : folder(disk);
        return Files.createTempFile(folder, "layer", ".tar");
    }

    /** Whether a layer of {@code size} bytes goes to memory. */
    boolean fitsInMemory(long size) {
        if (memory == null) {
            return false;
        }
        try {
            FileStore store = Files.getFileStore(memory);
            return fits(size, store.getUsableSpace(), store.getTotalSpace(), availableMemory().orElse(0L));
        } catch (IOException e) {
            return false;
        }
    }

    /** The rule: half of the memory-backed store stays free; the layer is at most an eighth of available memory and 1 GiB. */
    static boolean fits(long size, long usable, long total, long availableMemory) {
        return usable - size >= total / 2 && size <= availableMemory / 8 && size <= MEMORY_LAYER_LIMIT;
    }

    /** MemAvailable of {@code /proc/meminfo}, in bytes. */
    private Optional<Long> availableMemory() {
        try (Stream<String> lines = Files.lines(meminfo)) {
            return lines.filter(line -> line.startsWith("MemAvailable:"))
                    .map(line -> line.replaceAll("[^0-9]", ""))
                    .filter(kib -> !kib.isEmpty())
                    .map(kib -> Long.parseLong(kib) * 1024)
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Path folder(Path parent) throws IOException {
        for (Path folder : created) {
            if (folder.getParent().equals(parent)) {
                return folder;
            }
        }
        Path folder = Files.createTempDirectory(parent, "registry-steps-push");
        created.add(folder);
        return folder;
    }

    /** Deletes the spool's folders and whatever is left in them. */
    @Override
    public synchronized void close() throws IOException {
        for (Path folder : created) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        created.clear();
    }
}
