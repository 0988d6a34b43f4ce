package io.jenkins.plugins.registrysteps.engine.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class LayerGzipTest {

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private static byte[] text(int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("line ").append(i).append(" of a text file\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] input, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerGzip.write(new ByteArrayInputStream(input), out, level);
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    @Test
    void randomDataIsStored() {
        assertThat(LayerGzip.levelFor(random(LayerGzip.SAMPLE_BYTES), Deflater.BEST_SPEED)).isEqualTo(Deflater.NO_COMPRESSION);
    }

    @Test
    void textIsCompressedAtTheGivenLevel() {
        assertThat(LayerGzip.levelFor(text(50_000), 6)).isEqualTo(6);
    }

    @Test
    void emptyLayerKeepsTheGivenLevel() {
        assertThat(LayerGzip.levelFor(new byte[0], Deflater.BEST_SPEED)).isEqualTo(Deflater.BEST_SPEED);
    }

    @Test
    void storedGzipIsReadableGzipOnlyBytesLarger() throws IOException {
        byte[] input = random(3_000_000);
        byte[] stored = gzip(input, Deflater.NO_COMPRESSION);

        assertThat(gunzip(stored)).isEqualTo(input);
        // 10 bytes of header, 8 of trailer, 5 per stored block of at most 64 KiB
        assertThat(stored.length - input.length).isBetween(18, 18 + 5 * (input.length / 65535 + 2));
    }

    @Test
    void storedBlocksAreFullSoTheBytesDoNotDependOnHowTheInputArrives() throws IOException {
        byte[] input = random(3 * 65_535 + 7);
        byte[] whole = gzip(input, Deflater.NO_COMPRESSION);
        ByteArrayOutputStream trickled = new ByteArrayOutputStream();
        // an input stream that hands out a few bytes per read
        LayerGzip.write(new ByteArrayInputStream(input) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1000));
            }
        }, trickled, Deflater.NO_COMPRESSION);

        assertThat(trickled.toByteArray()).isEqualTo(whole);
        // header, four blocks of 5 + 65535, 5 + 65535, 5 + 65535, 5 + 7 bytes, trailer
        assertThat(whole.length).isEqualTo(10 + 4 * 5 + input.length + 8);
        assertThat(gunzip(whole)).isEqualTo(input);
    }

    @Test
    void storedInputOfWholeBlocksEndsWithAFullLastBlock() throws IOException {
        byte[] input = random(2 * 65_535);
        byte[] stored = gzip(input, Deflater.NO_COMPRESSION);

        assertThat(gunzip(stored)).isEqualTo(input);
        assertThat(stored.length).isEqualTo(10 + 2 * 5 + input.length + 8);
        assertThat(gunzip(gzip(new byte[0], Deflater.NO_COMPRESSION))).isEmpty();
    }

    @Test
    void compressedGzipIsReadableGzipAndSmaller() throws IOException {
        byte[] input = text(100_000);
        byte[] compressed = gzip(input, Deflater.BEST_SPEED);

        assertThat(gunzip(compressed)).isEqualTo(input);
        assertThat(compressed.length).isLessThan(input.length / 4);
    }

    @Test
    void sameInputGivesTheSameBytesWithAFixedHeader() throws IOException {
        byte[] input = text(20_000);
        byte[] first = gzip(input, Deflater.BEST_SPEED);

        assertThat(gzip(input, Deflater.BEST_SPEED)).isEqualTo(first);
        // magic, deflate, no flags, mtime 0, no extra flags, OS unknown
        assertThat(java.util.Arrays.copyOf(first, 10))
                .containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
    }

    @Test
    void describesTheLevelForTheCache() {
        assertThat(LayerGzip.describe(Deflater.NO_COMPRESSION)).isEqualTo("gzip stored");
        assertThat(LayerGzip.describe(1)).isEqualTo("gzip level 1");
    }
}
