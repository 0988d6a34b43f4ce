package io.jenkins.plugins.registrysteps.engine.template;

import static io.jenkins.plugins.registrysteps.engine.template.Templates.build;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class TemplateErrorsTest {

    private static TemplateException parseError(String template) {
        return catchThrowableOfType(TemplateException.class, () -> ImageTagTemplate.parse(template));
    }

    private static TemplateException renderError(String template) throws TemplateException {
        ImageTagTemplate parsed = ImageTagTemplate.parse(template);
        return catchThrowableOfType(TemplateException.class, () -> parsed.render(build().build()));
    }

    @Test
    void unknownVariableSuggestsClosest() {
        TemplateException e = parseError("v-{{ .Brnach }}");
        assertThat(e).hasMessage("unknown variable .Brnach in image_tag template (did you mean .Branch?); known: "
                + "ProjectID, BuildID, RepoName, Branch, CommitID, CommitMessage, CommitDescription, CommitterName, "
                + "CommitterEmail, CommitterUsername, Time, Timestamp, StringTime, StepName, ServiceName, ImageName, "
                + "Ci, CiName");
        assertThat(e.offset()).isEqualTo(5);
    }

    @Test
    void unknownVariableMatchesCaseInsensitivelyFirst() {
        assertThat(parseError("{{.commitid}}").getMessage()).startsWith(
                "unknown variable .commitid in image_tag template (did you mean .CommitID?); known: ProjectID,");
    }

    @Test
    void unknownVariableFarFromAnyNameOnlyListsTheKnownOnes() {
        assertThat(parseError("{{.Nonsense}}").getMessage())
                .startsWith("unknown variable .Nonsense in image_tag template; known: ProjectID, BuildID");
    }

    @Test
    void unknownVariableInsideAPipelineIsFoundAtParse() {
        TemplateException e = parseError("{{printf \"%s\" (.Time.Fromat \"2006\")}}");
        assertThat(e).hasMessage("can't evaluate field Fromat in type time.Time (did you mean Format?)");
        assertThat(e.offset()).isEqualTo(20);
    }

    @Test
    void fieldsAreCheckedAgainstTheDotOfWith() {
        assertThat(parseError("{{with .Time}}{{.Branch}}{{end}}"))
                .hasMessage("can't evaluate field Branch in type time.Time");
    }

    @Test
    void fieldOfAStringIsRejected() {
        assertThat(parseError("{{.Branch.Name}}")).hasMessage("can't evaluate field Name in type string");
    }

    @Test
    void unknownFunctionIsReportedLikeGo() {
        TemplateException e = parseError("{{ foo .Branch }}");
        assertThat(e).hasMessage("function \"foo\" not defined");
        assertThat(e.offset()).isEqualTo(3);
    }

    @Test
    void strayBraceIsUnexpectedInOperand() {
        TemplateException e = parseError("{{ .Branch }");
        assertThat(e).hasMessage("unexpected \"}\" in operand");
        assertThat(e.offset()).isEqualTo(11);
    }

    @Test
    void missingCloseIsAnUnclosedAction() {
        TemplateException e = parseError("x{{ .Branch ");
        assertThat(e).hasMessage("unclosed action");
        assertThat(e.offset()).isEqualTo(12);
    }

    @Test
    void emptyActionIsMissingAValue() {
        assertThat(parseError("{{ }}")).hasMessage("missing value for command");
    }

    @Test
    void strayEndIsUnexpected() {
        assertThat(parseError("a{{end}}")).hasMessage("unexpected {{end}}");
    }

    @Test
    void ifWithoutEndIsUnexpectedEof() {
        assertThat(parseError("{{if .Ci}}x")).hasMessage("unexpected EOF");
    }

    @Test
    void unterminatedStringIsReported() {
        assertThat(parseError("{{printf \"%s}}")).hasMessage("unterminated quoted string");
    }

    @Test
    void unclosedParenIsReported() {
        assertThat(parseError("{{printf \"%s\" (.Ci}}")).hasMessage("unclosed left paren");
        assertThat(parseError("{{.Ci)}}")).hasMessage("unexpected right paren");
    }

    @Test
    void unclosedCommentIsReported() {
        assertThat(parseError("{{/* tag")).hasMessage("unclosed comment");
        assertThat(parseError("{{/* tag */ .Ci}}")).hasMessage("comment ends before closing delimiter");
    }

    @Test
    void unrecognizedCharacterIsNamedLikeGo() {
        assertThat(parseError("{{.Ci ¬}}")).hasMessage("unrecognized character in action: U+00AC '¬'");
    }

    @Test
    void literalCannotStartALaterPipelineStage() {
        assertThat(parseError("{{.Branch | \"x\"}}")).hasMessage("non executable command in pipeline stage 2");
    }

    @Test
    void fieldOfALiteralIsRejected() {
        assertThat(parseError("{{\"x\".Branch}}")).hasMessage("unexpected . after term \"\\\"x\\\"\"");
    }

    @Test
    void declaredVariablesAreNotSupported() {
        assertThat(parseError("{{$x := .Branch}}")).hasMessage("variables are not supported in image_tag templates");
        assertThat(parseError("{{$x}}")).hasMessage("undefined variable \"$x\"");
    }

    @Test
    void rangeIsNotSupported() {
        assertThat(parseError("{{range .Branch}}{{end}}"))
                .hasMessage("{{range}} is not supported in image_tag templates");
    }

    @Test
    void hugeIntegerLiteralOverflowsInt() {
        assertThat(parseError("{{99999999999999999999}}")).hasMessage("99999999999999999999 overflows int");
    }

    @Test
    void templatesOverFourKibibytesAreRejected() {
        TemplateException e = parseError("x".repeat(4097));
        assertThat(e).hasMessage("image_tag template is longer than 4096 bytes");
        assertThat(e.offset()).isEqualTo(4096);
        assertThat(parseError("x".repeat(4096))).isNull();
    }

    @Test
    void deepParenthesesAreRejected() {
        String deep = "{{" + "(".repeat(101) + ".Ci" + ")".repeat(101) + "}}";
        assertThat(parseError(deep)).hasMessage("max expression depth exceeded");
        assertThat(parseError("{{" + "(".repeat(100) + ".Ci" + ")".repeat(100) + "}}")).isNull();
    }

    @Test
    void renderedOutputIsCapped() throws Exception {
        assertThat(renderError("{{printf \"%65537s\" \"x\"}}"))
                .hasMessage("image_tag renders to more than 65536 characters");
    }

    @Test
    void methodWithoutItsArgumentIsAWrongCount() throws Exception {
        assertThat(renderError("{{.Time.Format}}")).hasMessage("wrong number of args for Format: want 1 got 0");
    }

    @Test
    void methodRejectsANumberWhereAStringIsNeeded() throws Exception {
        assertThat(renderError("{{.Time.Format 2006}}")).hasMessage("expected string; found 2006");
        assertThat(renderError("{{.Timestamp | .Time.Format}}"))
                .hasMessage("wrong type for value; expected string; got int64");
    }

    @Test
    void fieldWithArgumentsCannotBeInvoked() throws Exception {
        assertThat(renderError("{{.Branch \"x\"}}")).hasMessage("Branch has arguments but cannot be invoked as function");
    }

    @Test
    void literalWithArgumentsIsNotAFunction() throws Exception {
        assertThat(renderError("{{\"x\" .Branch}}")).hasMessage("can't give argument to non-function \"x\"");
    }

    @Test
    void nilIsNotACommand() throws Exception {
        assertThat(renderError("{{nil}}")).hasMessage("nil is not a command");
    }

    @Test
    void printfNeedsAFormat() throws Exception {
        assertThat(renderError("{{printf}}")).hasMessage("wrong number of args for printf: want at least 1 got 0");
    }
}
