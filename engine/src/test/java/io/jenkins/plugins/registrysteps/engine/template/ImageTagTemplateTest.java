package io.jenkins.plugins.registrysteps.engine.template;

import static io.jenkins.plugins.registrysteps.engine.template.Templates.build;
import static io.jenkins.plugins.registrysteps.engine.template.Templates.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageTagTemplateTest {

    @Test
    void bareFieldRendersTheBranch() throws Exception {
        assertThat(render("{{.Branch}}")).isEqualTo("feature/foo");
    }

    @Test
    void spacesInsideAnActionAreIgnored() throws Exception {
        assertThat(render("{{ .Branch }}")).isEqualTo("feature/foo");
    }

    @Test
    void branchAndCommitJoinWithTheLiteralBetween() throws Exception {
        assertThat(render("{{ .Branch }}-{{ .CommitID }}")).isEqualTo("feature/foo-" + Templates.COMMIT);
    }

    @Test
    void branchLatestBecomesAValidTag() throws Exception {
        assertThat(ImageTagTemplate.parse("{{ .Branch }}-latest").renderTag(build().build()))
                .isEqualTo("featurefoo-latest");
    }

    @Test
    void printfTruncatesCommitToEightRunes() throws Exception {
        assertThat(render("{{printf \"%.8s\" .CommitID}}")).isEqualTo("01234567");
    }

    @Test
    void pipedValueBecomesLastArgument() throws Exception {
        assertThat(render("{{ .CommitID | printf \"%.8s\" }}")).isEqualTo("01234567");
        assertThat(render("{{ .Branch | printf \"%s-%s\" \"v1\" }}")).isEqualTo("v1-feature/foo");
    }

    @Test
    void plainTextIsALiteralTemplate() throws Exception {
        ImageTagTemplate latest = ImageTagTemplate.parse("latest");
        ImageTagTemplate version = ImageTagTemplate.parse("9.5");
        assertThat(latest.isLiteral()).isTrue();
        assertThat(version.isLiteral()).isTrue();
        assertThat(latest.renderTag(build().build())).isEqualTo("latest");
        assertThat(version.renderTag(build().build())).isEqualTo("9.5");
        assertThat(version.source()).isEqualTo("9.5");
    }

    @Test
    void anyActionMakesATemplateNonLiteral() throws Exception {
        assertThat(ImageTagTemplate.parse("v{{.BuildID}}").isLiteral()).isFalse();
    }

    @Test
    void slashesAreStrippedFromBranchTags() throws Exception {
        assertThat(ImageTagTemplate.parse("{{.Branch}}").renderTag(build().build())).isEqualTo("featurefoo");
    }

    @Test
    void renderLeavesTheTextUnsanitised() throws Exception {
        assertThat(ImageTagTemplate.parse("{{.Branch}}:x").render(build().build())).isEqualTo("feature/foo:x");
    }

    @Test
    void emptyTagIsRejected() throws Exception {
        ImageTagTemplate template = ImageTagTemplate.parse("{{.CommitDescription}}/");
        assertThatThrownBy(() -> template.renderTag(build().build()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("image_tag renders to an empty tag");
    }

    @Test
    void codeshipDefaultsCiVariables() throws Exception {
        assertThat(render("{{.Ci}}-{{.CiName}}")).isEqualTo("true-codeship");
        assertThat(render("{{.CiName}}", build().ciName("jenkins").build())).isEqualTo("jenkins");
    }

    @Test
    void trimMarkersRemoveSurroundingWhitespace() throws Exception {
        assertThat(render("a \n {{- .Ci -}} \t b")).isEqualTo("atrueb");
    }

    @Test
    void minusWithoutSpaceIsNotATrimMarker() throws Exception {
        assertThat(render("a {{-3}} b")).isEqualTo("a -3 b");
    }

    @Test
    void commentsRenderNothing() throws Exception {
        assertThat(render("{{/* branch tag */}}v {{- /* trimmed */ -}} 1")).isEqualTo("v1");
    }

    @Test
    void ifElseIfChoosesTheFirstTrueBranch() throws Exception {
        String template = "{{if eq .Branch \"master\"}}latest{{else if .CommitDescription}}desc"
                + "{{else}}{{.BuildID}}{{end}}";
        assertThat(render(template)).isEqualTo("build-42");
        assertThat(render(template, build().branch("master").build())).isEqualTo("latest");
    }

    @Test
    void withRebindsDotToTheValue() throws Exception {
        assertThat(render("{{with .Time}}{{.Year}}{{end}}")).isEqualTo("2024");
    }

    @Test
    void withOnAnEmptyValueTakesTheElseBranch() throws Exception {
        assertThat(render("{{with .CommitDescription}}{{.}}{{else}}{{.StepName}}{{end}}")).isEqualTo("push");
    }

    @Test
    void rootVariableReachesDataInsideWith() throws Exception {
        assertThat(render("{{with .Time}}{{$.Branch}}-{{.Month}}{{end}}")).isEqualTo("feature/foo-March");
    }

    @Test
    void andOrReturnTheDecidingOperand() throws Exception {
        assertThat(render("{{or .CommitDescription \"none\"}}")).isEqualTo("none");
        assertThat(render("{{and .Ci .CiName}}")).isEqualTo("codeship");
        assertThat(render("{{and .CommitDescription (index .CommitDescription 99)}}")).isEmpty();
    }

    @Test
    void notNegatesTruth() throws Exception {
        assertThat(render("{{not .CommitDescription}} {{not 1}}")).isEqualTo("true false");
    }

    @Test
    void comparisonsFollowGoKinds() throws Exception {
        assertThat(render("{{eq .Branch \"x\" \"feature/foo\"}} {{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt \"b\" \"a\"}}"
                + " {{ge 1.5 2.5}} {{eq .Time.Month 3}}")).isEqualTo("true true true true true false true");
    }

    @Test
    void comparingIncompatibleTypesFailsLikeGo() throws Exception {
        ImageTagTemplate template = ImageTagTemplate.parse("x{{lt 1 \"a\"}}");
        assertThatThrownBy(() -> template.render(build().build()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("error calling lt: incompatible types for comparison")
                .extracting(e -> ((TemplateException) e).offset()).isEqualTo(3);
    }

    @Test
    void lenIndexAndSliceWorkOnBytes() throws Exception {
        assertThat(render("{{len .CommitID}} {{index .Branch 0}} {{slice .CommitID 0 7}} {{len \"é\"}}"))
                .isEqualTo("40 102 0123456 2");
    }

    @Test
    void indexOutOfRangeIsAnError() throws Exception {
        ImageTagTemplate template = ImageTagTemplate.parse("{{index .Ci 9}}");
        assertThatThrownBy(() -> template.render(build().build())).hasMessage("error calling index: index out of range: 9");
    }

    @Test
    void escapersMatchGo() throws Exception {
        assertThat(render("{{urlquery \"a b/c~\"}}|{{html \"<a&'\\\">\"}}|{{js \"a'b<\"}}"))
                .isEqualTo("a+b%2Fc~|&lt;a&amp;&#39;&#34;&gt;|a\\'b\\u003C");
    }

    @Test
    void parenthesisedPipelinesAreArguments() throws Exception {
        assertThat(render("{{printf \"%s-%s\" (.StepName) (printf \"%.3s\" .CommitID)}}")).isEqualTo("push-012");
        assertThat(render("{{(.Time.UTC).Year}}")).isEqualTo("2024");
    }

    @Test
    void numberLiteralsBecomeGoConstants() throws Exception {
        assertThat(render("{{printf \"%T %T %T %T %T\" 1 1.5 0x1F 'a' 1e3}} {{1e3}} {{0x1F}} {{'a'}} {{-1_000}}"))
                .isEqualTo("int float64 int int float64 1000 31 97 -1000");
    }

    @Test
    void stringLiteralsUnderstandGoEscapes() throws Exception {
        assertThat(render("{{\"a\\tb\\u00e9\\x41\\101\"}}")).isEqualTo("a\tbéAA");
    }

    @Test
    void rawStringsKeepBackslashes() throws Exception {
        assertThat(render("{{printf `%s\\d` .Ci}}")).isEqualTo("true\\d");
    }

    @Test
    void rootDataPrintsAsAGoStruct() throws Exception {
        assertThat(render("{{.}}", TemplateData.builder().time(Templates.BUILD_TIME).build()))
                .isEqualTo("{          2024-03-05 14:07:09 +0000 UTC 1709647629 2024-03-05 14:07:09 +0000 UTC"
                        + "    true codeship}");
    }
}
