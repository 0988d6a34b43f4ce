package io.jenkins.plugins.registrysteps.engine.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The rig's own temp folder: short (unix socket paths are limited to ~108 bytes) and deleted only by the rig. */
final class RigDir {

    private static final Path PARENT = Path.of("/tmp");
    private static final String PREFIX = "rig-";
    private static final String MARKER = ".registry-steps-rig";

    private final Path root;

    private RigDir(Path root) {
        this.root = root;
    }

    static RigDir create() {
        try {
            Path root = Files.createTempDirectory(PARENT, PREFIX).toRealPath();
            // the marker proves to delete() that the folder is one the rig made
            Files.writeString(root.resolve(MARKER), "made by the registry-steps test rig, pid "
                    + ProcessHandle.current().pid() + "\n");
            return new RigDir(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the rig's temp folder under " + PARENT, e);
        }
    }

    Path root() {
        return root;
    }

    Path dir(String name) {
        try {
            return Files.createDirectories(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unmounts what the daemon may have left mounted inside, then deletes the tree without following links. */
    void delete() {
        if (!root.getParent().equals(PARENT) || !root.getFileName().toString().startsWith(PREFIX)
                || !Files.isRegularFile(root.resolve(MARKER))) {
            throw new IllegalStateException("refusing to delete " + root + ": not a folder made by the rig");
        }
        unmountInside();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    try {
                        Files.deleteIfExists(dir);
                    } catch (DirectoryNotEmptyException notEmpty) {
                        throw new IOException("still not empty (a mount left inside?): " + dir, notEmpty);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the rig's temp folder " + root, e);
        }
    }

    /** Lazily unmounts every mount point under the root, deepest first (vfs, shm and netns mounts of a killed daemon). */
    private void unmountInside() {
        List<Path> mounts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] fields = line.split(" ");
                if (fields.length > 4) {
                    Path point = Path.of(unescape(fields[4]));
                    if (point.startsWith(root) && !point.equals(root)) {
                        mounts.add(point);
                    }
                }
            }
        } catch (IOException e) {
            return; // no /proc: nothing we could unmount anyway
        }
        mounts.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path point : mounts) {
            Command.run(List.of("umount", "-l", point.toString()), Map.of(), Duration.ofSeconds(30));
        }
    }

    private static String unescape(String mountinfoPath) {
        // mountinfo escapes space, tab, newline and backslash as octal
        return mountinfoPath.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
