package io.jenkins.plugins.registrysteps.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ImageTagTemplateTest {

    private static final TemplateData DATA = TemplateData.builder()
            .projectId("1234")
            .buildId("42")
            .repoName("app")
            .branch("feature/login")
            .commitId("0123456789abcdef0123456789abcdef01234567")
            .commitMessage("Fix it")
            .serviceName("sandbox-app")
            .stepName("push")
            .imageName("quay.io/org/app")
            .time(ZonedDateTime.parse("2026-01-31T12:34:56.5Z"))
            .build();

    private static String render(String template) throws TemplateException {
        return ImageTagTemplate.parse(template).render(DATA);
    }

    private static TemplateException parseError(String template) {
        try {
            ImageTagTemplate.parse(template);
        } catch (TemplateException e) {
            return e;
        }
        throw new AssertionError("should not parse: " + template);
    }

    @Test
    void fieldsWithAndWithoutSpaces() throws TemplateException {
        assertThat(render("{{.Branch}}")).isEqualTo("feature/login");
        assertThat(render("{{ .Branch }}")).isEqualTo("feature/login");
    }

    @Test
    void literalTextAroundActions() throws TemplateException {
        assertThat(render("{{ .CiName }}-{{ .Branch }}-latest")).isEqualTo("codeship-feature/login-latest");
    }

    @Test
    void printfTruncatesCommitToEightRunes() throws TemplateException {
        assertThat(render("{{printf \"%.8s\" .CommitID}}")).isEqualTo("01234567");
    }

    @Test
    void pipedValueBecomesLastArgument() throws TemplateException {
        assertThat(render("{{ .CommitID | printf \"%.8s\" }}")).isEqualTo("01234567");
        assertThat(render("{{ .Branch | printf \"%s-%s\" .ServiceName }}")).isEqualTo("sandbox-app-feature/login");
    }

    @Test
    void literalValuesStayAsWritten() throws TemplateException {
        assertThat(render("9.5")).isEqualTo("9.5");
        assertThat(ImageTagTemplate.parse("latest").isLiteral()).isTrue();
        assertThat(ImageTagTemplate.parse("{{ .Branch }}").isLiteral()).isFalse();
    }

    @Test
    void timestampIsUnixSecondsAndCiDefaultsToTrue() throws TemplateException {
        assertThat(render("{{.Timestamp}}")).isEqualTo("1769862896");
        assertThat(render("{{.Ci}}/{{.CiName}}")).isEqualTo("true/codeship");
    }

    @Test
    void timePrintsAsGoTimeString() throws TemplateException {
        assertThat(render("{{ .Time }}")).isEqualTo("2026-01-31 12:34:56.5 +0000 UTC");
    }

    @Test
    void timeFormatsWithGoReferenceLayout() throws TemplateException {
        assertThat(render("{{ .Time.Format \"20060102-150405\" }}")).isEqualTo("20260131-123456");
        assertThat(render("{{ .Time.Format \"Mon Jan _2 3:04PM 2006 MST\" }}")).isEqualTo("Sat Jan 31 12:34PM 2026 UTC");
        assertThat(render("{{ .Time.Format \"2006-01-02T15:04:05.000Z07:00\" }}")).isEqualTo("2026-01-31T12:34:56.500Z");
        assertThat(render("{{ .Time.Unix }}")).isEqualTo("1769862896");
    }

    @Test
    void printfVerbsFollowGo() throws TemplateException {
        assertThat(render("{{ printf \"%d|%5d|%-5d|%05d|%x|%X|%o|%b\" 42 42 42 42 255 255 8 5 }}"))
                .isEqualTo("42|   42|42   |00042|ff|FF|10|101");
        assertThat(render("{{ printf \"%q|%v|%t|%c|%%\" \"a\\\"b\" 7 true 65 }}")).isEqualTo("\"a\\\"b\"|7|true|A|%");
        assertThat(render("{{ printf \"%6.2f|%e|%g|%v\" 3.14159 1234.5678 0.000012 2.5 }}"))
                .isEqualTo("  3.14|1.234568e+03|1.2e-05|2.5");
        assertThat(render("{{ printf \"[%8s][%-8s][%.3s]\" \"ab\" \"ab\" \"abcdef\" }}")).isEqualTo("[      ab][ab      ][abc]");
    }

    @Test
    void printfReportsWrongTypeLikeGo() throws TemplateException {
        assertThat(render("{{ printf \"%d\" .Branch }}")).isEqualTo("%!d(string=feature/login)");
        assertThat(render("{{ printf \"%s\" 5 }}")).isEqualTo("%!s(int=5)");
    }

    @Test
    void printfReportsMissingAndExtraArguments() throws TemplateException {
        assertThat(render("{{ printf \"%s-%s\" .Branch }}")).isEqualTo("feature/login-%!s(MISSING)");
        assertThat(render("{{ printf \"x\" .Branch 3 }}")).isEqualTo("x%!(EXTRA string=feature/login, int=3)");
    }

    @Test
    void printAddsSpacesOnlyBetweenNonStrings() throws TemplateException {
        assertThat(render("{{ print \"a\" \"b\" 1 2 \"c\" }}")).isEqualTo("ab1 2c");
    }

    @Test
    void trimMarkersEatSpaces() throws TemplateException {
        assertThat(render("a  {{- .Ci -}}  b")).isEqualTo("atrueb");
    }

    @Test
    void commentsRenderNothing() throws TemplateException {
        assertThat(render("v{{/* the version */}}1")).isEqualTo("v1");
    }

    @Test
    void ifElseChoosesByGoTruth() throws TemplateException {
        assertThat(render("{{ if eq .Branch \"master\" }}latest{{ else if .Branch }}dev{{ else }}none{{ end }}")).isEqualTo("dev");
        assertThat(render("{{ if .CommitDescription }}x{{ else }}empty{{ end }}")).isEqualTo("empty");
    }

    @Test
    void withSetsDot() throws TemplateException {
        assertThat(render("{{ with .RepoName }}{{ . }}-{{ len . }}{{ end }}")).isEqualTo("app-3");
    }

    @Test
    void sliceAndIndexWorkOnBytes() throws TemplateException {
        assertThat(render("{{ slice .CommitID 0 7 }}|{{ index .RepoName 0 }}")).isEqualTo("0123456|97");
    }

    @Test
    void htmlAndUrlqueryEscape() throws TemplateException {
        assertThat(render("{{ html \"<a&b>\" }}|{{ urlquery \"a b/c\" }}")).isEqualTo("&lt;a&amp;b&gt;|a+b%2Fc");
    }

    @Test
    void unknownVariableSuggestsClosest() {
        TemplateException e = parseError("v-{{ .Brnach }}");
        assertThat(e.getMessage()).startsWith("unknown variable .Brnach (did you mean .Branch?); known: ProjectID, BuildID");
        assertThat(e.offset()).isEqualTo(5);
    }

    @Test
    void wrongCaseVariableSuggestsTheRightCase() {
        assertThat(parseError("{{ .commitid }}").getMessage()).contains("(did you mean .CommitID?)");
    }

    @Test
    void unknownFunctionIsNamedAsGoDoes() {
        TemplateException e = parseError("{{ upper .Branch }}");
        assertThat(e.getMessage()).isEqualTo("function \"upper\" not defined");
        assertThat(e.offset()).isEqualTo(3);
    }

    @Test
    void fieldOfAStringIsRejected() {
        assertThat(parseError("{{ .Branch.Name }}").getMessage()).isEqualTo("can't evaluate field Name in type string");
    }

    @Test
    void unclosedActionPointsAtItsStart() {
        TemplateException e = parseError("ab{{ .Branch");
        assertThat(e.getMessage()).isEqualTo("unclosed action: add }}");
        assertThat(e.offset()).isEqualTo(2);
    }

    @Test
    void ifWithoutEndIsRejected() {
        assertThat(parseError("{{ if .Branch }}x").getMessage()).contains("{{if}} needs {{end}}");
    }

    @Test
    void variablesAreNotSupported() {
        assertThat(parseError("{{ $x := .Branch }}").getMessage()).startsWith("variables are not supported");
    }

    @Test
    void longTemplatesAreRejected() {
        assertThat(parseError("x".repeat(5000)).getMessage()).isEqualTo("template is longer than 4096 characters");
    }

    @Test
    void deepParenthesesAreBounded() {
        assertThat(parseError("{{ " + "(".repeat(200) + "1" + ")".repeat(200) + " }}").getMessage()).contains("nest deeper");
    }

    @Test
    void runawayOutputIsStopped() {
        String big = "{{ printf \"%4000s\" .Branch }}".repeat(20);
        assertThatThrownBy(() -> render(big)).isInstanceOf(TemplateException.class).hasMessageContaining("output exceeds");
    }

    @Test
    void slashesAreStrippedFromBranchTags() throws TemplateException {
        assertThat(ImageTagTemplate.parse("{{ .Branch }}").renderTag(DATA)).isEqualTo("featurelogin");
    }

    @Test
    void serviceDotBranchAsTheDocumentationShows() throws TemplateException {
        TemplateData data = TemplateData.builder().serviceName("sandbox-app").branch("v0.2.6").build();
        assertThat(ImageTagTemplate.parse("{{.ServiceName}}.{{.Branch}}").renderTag(data)).isEqualTo("sandbox-app.v0.2.6");
    }

    @Test
    void emptyRenderingIsAnError() {
        TemplateData data = TemplateData.builder().build();
        assertThatThrownBy(() -> ImageTagTemplate.parse("{{ .CommitID }}").renderTag(data))
                .hasMessage("image_tag renders to an empty tag");
        assertThatThrownBy(() -> ImageTagTemplate.parse("//").renderTag(data))
                .hasMessage("image_tag renders to \"//\", which holds no character allowed in a tag");
    }
}
