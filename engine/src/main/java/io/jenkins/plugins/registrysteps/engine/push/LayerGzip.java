package io.jenkins.plugins.registrysteps.engine.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Gzip of a layer as registries and every client expect it ({@code application/vnd.docker.image.rootfs.diff.tar.gzip}),
 * made the same way every time so that the same layer always gives the same digest: a fixed header (no name, mtime 0),
 * a fixed level. A layer whose start does not shrink is written in stored blocks ({@link Deflater#NO_COMPRESSION}):
 * still gzip, at the speed of a copy, instead of spending CPU on random or already compressed data.
 */
final class LayerGzip {

    /** How much of a layer's start decides whether it is compressed. */
    static final int SAMPLE_BYTES = 1024 * 1024;
    /** A sample that keeps more than this share of its size is not worth compressing. */
    static final double WORTHWHILE_RATIO = 0.9;

    private static final int BUFFER = 256 * 1024;
    /** The most a stored deflate block holds. */
    private static final int STORED_BLOCK = 65_535;
    /** ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=0 OS=unknown, as Go's gzip writes it. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private LayerGzip() {
    }

    /** {@code level} when a sample of the layer's start compresses to at most 90%, else no compression. */
    static int levelFor(Path layer, int level) throws IOException {
        try (InputStream in = Files.newInputStream(layer)) {
            return levelFor(in.readNBytes(SAMPLE_BYTES), level);
        }
    }

    static int levelFor(byte[] sample, int level) {
        if (sample.length == 0 || level == Deflater.NO_COMPRESSION) {
            return level;
        }
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(sample);
            deflater.finish();
            byte[] out = new byte[BUFFER];
            long compressed = 0;
            while (!deflater.finished()) {
                compressed += deflater.deflate(out);
            }
            return compressed <= sample.length * WORTHWHILE_RATIO ? level : Deflater.NO_COMPRESSION;
        } finally {
            deflater.end();
        }
    }

    /** Writes the gzip of {@code in} to {@code out} at {@code level}; the same input and level give the same bytes. */
    static void write(InputStream in, OutputStream out, int level) throws IOException {
        if (level == Deflater.NO_COMPRESSION) {
            writeStored(in, out);
            return;
        }
        Deflater deflater = new Deflater(level, true);
        try {
            CRC32 crc = new CRC32();
            byte[] input = new byte[BUFFER];
            // stored blocks grow the data by 5 bytes in 64 KiB: room for that in one pass
            byte[] output = new byte[BUFFER + BUFFER / 1024 + 64];
            long length = 0;
            out.write(HEADER);
            for (int n; (n = in.read(input)) >= 0; ) {
                crc.update(input, 0, n);
                length += n;
                deflater.setInput(input, 0, n);
                while (!deflater.needsInput()) {
                    out.write(output, 0, deflater.deflate(output));
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                out.write(output, 0, deflater.deflate(output));
            }
            writeIntLittleEndian(out, crc.getValue());
            writeIntLittleEndian(out, length);
        } finally {
            deflater.end();
        }
    }

    /**
     * Stored deflate blocks written here rather than by zlib, which copies every byte through its window: each block
     * holds {@value #STORED_BLOCK} bytes (the most one may) but the last, which holds the rest (nothing only for an
     * empty layer), so the bytes depend on the input alone, never on how it arrived.
     */
    private static void writeStored(InputStream in, OutputStream out) throws IOException {
        CRC32 crc = new CRC32();
        byte[] block = new byte[5 + STORED_BLOCK];
        long length = 0;
        int filled = 0;
        out.write(HEADER);
        for (int n; (n = in.readNBytes(block, 5 + filled, STORED_BLOCK - filled)) > 0; ) {
            crc.update(block, 5 + filled, n);
            length += n;
            filled += n;
            if (filled == STORED_BLOCK) {
                // a full block is written once more input shows it is not the last: read on first
                int more = in.read();
                if (more < 0) {
                    break;
                }
                storedBlockHeader(block, filled, false);
                out.write(block, 0, 5 + filled);
                block[5] = (byte) more;
                crc.update(more);
                length++;
                filled = 1;
            }
        }
        storedBlockHeader(block, filled, true);
        out.write(block, 0, 5 + filled);
        writeIntLittleEndian(out, crc.getValue());
        writeIntLittleEndian(out, length);
    }

    /** BFINAL and BTYPE=00 in one byte (the block starts on a byte), then LEN and its complement, little-endian. */
    private static void storedBlockHeader(byte[] block, int length, boolean last) {
        block[0] = (byte) (last ? 1 : 0);
        block[1] = (byte) length;
        block[2] = (byte) (length >> 8);
        block[3] = (byte) ~length;
        block[4] = (byte) (~length >> 8);
    }

    private static void writeIntLittleEndian(OutputStream out, long value) throws IOException {
        out.write(new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)});
    }

    /** How the cache records a level, so a later push knows how a blob was made. */
    static String describe(int level) {
        return level == Deflater.NO_COMPRESSION ? "gzip stored" : "gzip level " + level;
    }
}
