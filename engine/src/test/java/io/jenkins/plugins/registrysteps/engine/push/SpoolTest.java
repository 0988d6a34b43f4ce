package io.jenkins.plugins.registrysteps.engine.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    private static final long MIB = 1024 * 1024;
    private static final long GIB = 1024 * MIB;

    @TempDir
    Path disk;
    @TempDir
    Path memory;

    @Test
    void aLayerGoesToMemoryWhileHalfOfTheStoreStaysFreeAndItIsSmallBesideAvailableMemory() {
        assertThat(Spool.fits(32 * MIB, 12 * GIB, 12 * GIB, 20 * GIB)).isTrue();
        // a container's 64 MiB /dev/shm: a 32 MiB layer fits, a 33 MiB one not
        assertThat(Spool.fits(32 * MIB, 64 * MIB, 64 * MIB, 20 * GIB)).isTrue();
        assertThat(Spool.fits(33 * MIB, 64 * MIB, 64 * MIB, 20 * GIB)).isFalse();
        // other layers already waiting there count
        assertThat(Spool.fits(1 * GIB, 6 * GIB + 512 * MIB, 12 * GIB, 20 * GIB)).isFalse();
        // a layer waits in memory when it is at most an eighth of what is available
        assertThat(Spool.fits(1 * GIB, 12 * GIB, 12 * GIB, 7 * GIB)).isFalse();
        assertThat(Spool.fits(1 * GIB, 12 * GIB, 12 * GIB, 8 * GIB)).isTrue();
        // and at most 1 GiB, however much memory there is
        assertThat(Spool.fits(1 * GIB + 1, 64 * GIB, 64 * GIB, 64 * GIB)).isFalse();
    }

    @Test
    void withoutMemoryStorageOrMeminfoLayersGoToDisk() throws IOException {
        try (Spool spool = Spool.of(disk, null, null)) {
            assertThat(spool.file(1).getParent().getParent()).isEqualTo(disk);
        }
        try (Spool spool = Spool.of(disk, memory, disk.resolve("no-meminfo"))) {
            assertThat(spool.fitsInMemory(1)).isFalse();
            assertThat(spool.file(1).getParent().getParent()).isEqualTo(disk);
        }
    }

    @Test
    void meminfoIsReadInKibibytes() throws IOException {
        Path meminfo = Files.writeString(disk.resolve("meminfo"), "MemTotal:       24683520 kB\nMemAvailable:          8 kB\n");
        try (Spool spool = Spool.of(disk, memory, meminfo)) {
            // 8 KiB available: a 1 KiB layer is an eighth of it; whether the temp folder's store is half free decides
            long free = Files.getFileStore(memory).getUsableSpace();
            long total = Files.getFileStore(memory).getTotalSpace();
            assertThat(spool.fitsInMemory(1024)).isEqualTo(free - 1024 >= total / 2);
            assertThat(spool.fitsInMemory(1025)).isFalse();
        }
    }

    @Test
    void closeDeletesWhatIsLeftAndTheFolders() throws IOException {
        Path file;
        try (Spool spool = Spool.of(disk, null, null)) {
            file = spool.file(10);
            Files.writeString(file, "layer bytes");
        }
        assertThat(file).doesNotExist();
        try (var left = Files.list(disk)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void onThisMachineASmallLayerWaitsInDevShmWhereThereIsOne() throws IOException {
        try (Spool spool = Spool.create()) {
            Path file = spool.file(MIB);
            boolean memoryBacked = Files.isDirectory(Spool.MEMORY) && spool.fitsInMemory(MIB);
            assertThat(file.startsWith(Spool.MEMORY)).isEqualTo(memoryBacked);
        }
    }
}
