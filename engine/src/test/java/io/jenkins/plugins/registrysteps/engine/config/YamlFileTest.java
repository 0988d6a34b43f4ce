package io.jenkins.plugins.registrysteps.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.ScalarNode;

class YamlFileTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private Optional<YamlFile> parse(String text) {
        return YamlFile.parse(text.getBytes(StandardCharsets.UTF_8), "f.yml", false, diagnostics);
    }

    private String onlyError() {
        assertThat(diagnostics.errors()).hasSize(1);
        return diagnostics.errors().get(0).toString();
    }

    @Test
    @Timeout(5)
    void aliasBombIsRejectedQuickly() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(prev).append(", *").append(prev).append(", *")
                    .append(prev).append(", *").append(prev).append(", *").append(prev).append(", *").append(prev)
                    .append(", *").append(prev).append(", *").append(prev).append(", *").append(prev).append("]\n");
        }
        assertThat(parse(bomb.toString())).isEmpty();
        assertThat(onlyError()).startsWith("f.yml:").contains("alias");
    }

    @Test
    @Timeout(5)
    void recursiveAliasIsRejected() {
        assertThat(parse("a: &a [*a]\n")).isEmpty();
        assertThat(diagnostics.hasErrors()).isTrue();
    }

    @Test
    @Timeout(5)
    void deepNestingIsRejected() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThat(parse(deep)).isEmpty();
        assertThat(onlyError()).contains("nests deeper than 64");
    }

    @Test
    void filesOverTenMebibytesAreRejectedBeforeParsing() {
        byte[] big = new byte[(int) YamlFile.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        assertThat(YamlFile.parse(big, "f.yml", false, diagnostics)).isEmpty();
        assertThat(onlyError()).isEqualTo("f.yml:1:1: error: file is larger than 10 MiB: a services or steps file is far "
                + "smaller; check that the right file is named");
    }

    @Test
    void binaryGarbageIsNotText() {
        byte[] garbage = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        assertThat(YamlFile.parse(garbage, "f.yml", false, diagnostics)).isEmpty();
        assertThat(onlyError()).contains("not a text file");
    }

    @Test
    void invalidUtf8IsNamed() {
        byte[] latin1 = "name: caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(YamlFile.parse(latin1, "f.yml", false, diagnostics)).isEmpty();
        assertThat(onlyError()).contains("not UTF-8");
    }

    @Test
    void tabIndentationSaysToUseSpaces() {
        assertThat(parse("a:\n\tb: c\n")).isEmpty();
        assertThat(onlyError()).isEqualTo("f.yml:2:1: error: YAML syntax error: a tab is used for indentation; indent with spaces");
    }

    @Test
    void jsonMayIndentWithTabs() {
        Optional<YamlFile> file = YamlFile.parse("{\n\t\"a\": {\n\t\t\"image\": \"x\\ty\"\n\t}\n}".getBytes(StandardCharsets.UTF_8),
                "f.json", true, diagnostics);
        assertThat(diagnostics.sorted()).isEmpty();
        MappingNode root = (MappingNode) file.orElseThrow().root().orElseThrow();
        MappingNode a = (MappingNode) root.getValue().get(0).getValueNode();
        assertThat(((ScalarNode) a.getValue().get(0).getValueNode()).getValue()).isEqualTo("x\ty");
        assertThat(file.get().position(a.getValue().get(0).getKeyNode())).hasToString("f.json:3:3");
    }

    @Test
    void twoDocumentsAreOneTooMany() {
        assertThat(parse("- a\n---\n- b\n")).isEmpty();
        assertThat(onlyError()).contains("more than one document");
    }

    @Test
    void leadingDocumentMarkerIsFine() {
        assertThat(parse("---\n  - a\n  - b\n")).isPresent();
        assertThat(diagnostics.sorted()).isEmpty();
    }

    @Test
    void mergeKeysLetExplicitKeysWinAndKeepPositions() {
        YamlFile file = parse("""
                base: &base
                  image: one
                  cached: true
                child:
                  <<: *base
                  image: two
                """).orElseThrow();
        MappingNode child = (MappingNode) ((MappingNode) file.root().orElseThrow()).getValue().get(1).getValueNode();
        assertThat(child.getValue()).extracting(t -> ((ScalarNode) t.getKeyNode()).getValue()).containsExactly("cached", "image");
        ScalarNode image = (ScalarNode) child.getValue().get(1).getValueNode();
        assertThat(image.getValue()).isEqualTo("two");
        ScalarNode cached = (ScalarNode) child.getValue().get(0).getValueNode();
        assertThat(file.position(cached)).hasToString("f.yml:3:11");
    }

    @Test
    void earlierMergedMappingWinsOverLater() {
        YamlFile file = parse("""
                a: &a {x: 1}
                b: &b {x: 2, y: 2}
                c:
                  <<: [*a, *b]
                """).orElseThrow();
        MappingNode c = (MappingNode) ((MappingNode) file.root().orElseThrow()).getValue().get(2).getValueNode();
        assertThat(c.getValue()).extracting(t -> ((ScalarNode) t.getKeyNode()).getValue() + "=" + ((ScalarNode) t.getValueNode()).getValue())
                .containsExactly("x=1", "y=2");
    }
}
