package io.jenkins.plugins.registrysteps.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.plan.PlanJson;
import io.jenkins.plugins.registrysteps.engine.plan.Planner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every real-world pair of the shared corpus has its expected outcome written out in
 * {@code src/test/resources/corpus/NN.txt}: its findings, then the plans for branch master and git tag 1.2.3, or its
 * exact errors.
 * Run with {@code -Dcorpus.write=true} to rewrite those files after a deliberate change, then review the diff.
 */
class CorpusTest {

    private static final Path EXPECTED = Path.of("src/test/resources/corpus");
    private static final BuildContext MASTER = build().branch("master").build();
    private static final BuildContext RELEASE = build().gitTag("1.2.3").build();

    private static BuildContext.Builder build() {
        return BuildContext.builder()
                .commitId("0123456789abcdef0123456789abcdef01234567")
                .commitMessage("Fix the build")
                .repoName("repo")
                .projectId("project")
                .buildId("42")
                .time(ZonedDateTime.parse("2026-01-31T12:00:00Z"));
    }

    @TestFactory
    Stream<DynamicTest> everyPairHasItsWrittenOutcome() throws IOException {
        if (SharedCorpus.folder().isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("corpus", () -> Assumptions.abort(SharedCorpus.ABSENT)));
        }
        List<Path> pairs;
        try (Stream<Path> folders = Files.list(SharedCorpus.folder().get())) {
            pairs = folders.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(pairs).as("corpus pairs").hasSize(40);
        return pairs.stream().map(pair -> DynamicTest.dynamicTest(pair.getFileName().toString(), () -> outcomeIsAsWrittenOut(pair)));
    }

    private static void outcomeIsAsWrittenOut(Path pair) throws IOException {
        String actual = outcome(pair);
        Path expected = EXPECTED.resolve(pair.getFileName().toString().substring(0, 2) + ".txt");
        if (Boolean.getBoolean("corpus.write")) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    static String outcome(Path pair) {
        StringBuilder out = new StringBuilder();
        try {
            CodeshipConfig config = ConfigLoader.load(pair, null, null);
            findings(config.warnings(), out);
            out.append("# plan for branch master\n").append(PlanJson.write(Planner.plan(config, MASTER))).append('\n');
            out.append("# plan for git tag 1.2.3\n").append(PlanJson.write(Planner.plan(config, RELEASE))).append('\n');
        } catch (ConfigException e) {
            out.append("# invalid\n");
            findings(e.diagnostics(), out);
        }
        return out.toString();
    }

    private static void findings(List<Diagnostic> diagnostics, StringBuilder out) {
        diagnostics.forEach(d -> out.append(d).append('\n'));
    }
}
