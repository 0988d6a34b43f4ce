package io.jenkins.plugins.registrysteps.engine.template;

import static io.jenkins.plugins.registrysteps.engine.template.Templates.render;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** printf, print and println as Go's fmt prints them; expected values are Go's own output. */
class PrintfTest {

    @Test
    void printfReportsWrongTypeLikeGo() throws Exception {
        assertThat(render("{{printf \"%d\" .Branch}}")).isEqualTo("%!d(string=feature/foo)");
        assertThat(render("{{printf \"%s\" .Timestamp}}")).isEqualTo("%!s(int64=1709647629)");
        assertThat(render("{{printf \"%d\" true}}")).isEqualTo("%!d(bool=true)");
    }

    @Test
    void wrongTypeKeepsWidthForTheValue() throws Exception {
        assertThat(render("{{printf \"%5d\" \"ab\"}}")).isEqualTo("%!d(string=   ab)");
    }

    @Test
    void stringerBecomesItsNumberInsideAnError() throws Exception {
        assertThat(render("{{printf \"%f\" .Time.Month}}")).isEqualTo("%!f(time.Month=3)");
    }

    @Test
    void printfReportsMissingArgument() throws Exception {
        assertThat(render("{{printf \"%s-%s\" .Branch}}")).isEqualTo("feature/foo-%!s(MISSING)");
    }

    @Test
    void printfReportsExtraArguments() throws Exception {
        assertThat(render("{{printf \"v\" .Branch 5}}")).isEqualTo("v%!(EXTRA string=feature/foo, int=5)");
    }

    @Test
    void trailingPercentHasNoVerb() throws Exception {
        assertThat(render("{{printf \"v%\"}}")).isEqualTo("v%!(NOVERB)");
    }

    @Test
    void doublePercentIsALiteralPercent() throws Exception {
        assertThat(render("{{printf \"100%%\"}}")).isEqualTo("100%");
    }

    @Test
    void nilPrintsAsNilOnlyForV() throws Exception {
        assertThat(render("{{printf \"%v %d\" nil nil}}")).isEqualTo("<nil> %!d(<nil>)");
    }

    @Test
    void widthAndFlagsPadLikeGo() throws Exception {
        assertThat(render("{{printf \"%-6s|%6s|%06d|%+d|% d|%-5d|%06d\" \"ab\" \"cd\" 42 5 5 7 -42}}"))
                .isEqualTo("ab    |    cd|000042|+5| 5|7    |-00042");
    }

    @Test
    void widthCountsRunesNotBytes() throws Exception {
        assertThat(render("{{printf \"%4s|%.2s\" \"é\" \"héllo\"}}")).isEqualTo("   é|hé");
    }

    @Test
    void integerVerbsCoverEveryBase() throws Exception {
        assertThat(render("{{printf \"%x %X %o %O %b %#x %#o %#b %c %q %U %#U\" 255 255 8 8 5 255 8 5 72 'a' 'a' 'a'}}"))
                .isEqualTo("ff FF 10 0o10 101 0xff 010 0b101 H 'a' U+0061 U+0061 'a'");
    }

    @Test
    void integerPrecisionSetsMinimumDigits() throws Exception {
        assertThat(render("{{printf \"%.3d|%8.3d|%.0d|\" 7 -7 0}}")).isEqualTo("007|    -007||");
    }

    @Test
    void starTakesWidthAndPrecisionFromArguments() throws Exception {
        assertThat(render("{{printf \"%*s|%.*s|%-*d|\" 4 \"a\" 2 .Branch -3 1}}")).isEqualTo("   a|fe|1  |");
    }

    @Test
    void explicitArgumentIndexesReorder() throws Exception {
        assertThat(render("{{printf \"%[2]s-%[1]s\" .Ci .CiName}}")).isEqualTo("codeship-true");
        assertThat(render("{{printf \"%[3]s\" .Ci}}")).isEqualTo("%!s(BADINDEX)");
    }

    @Test
    void floatsFormatLikeGo() throws Exception {
        assertThat(render("{{printf \"%f|%.2f|%e|%E|%g|%v|%v|%v|%.3g|%8.2f|%-8.1f|%+.1e\" "
                + "3.14159 2.675 1234.5678 0.000125 0.00001234 1e6 100000.0 1.5 1234.5678 3.14159 2.0 12345.0}}"))
                .isEqualTo("3.141590|2.67|1.234568e+03|1.250000E-04|1.234e-05|1e+06|100000|1.5|1.23e+03|"
                        + "    3.14|2.0     |+1.2e+04");
    }

    @Test
    void sharpFlagKeepsTheDecimalPoint() throws Exception {
        assertThat(render("{{printf \"%#.0f|%#g|%#.3g\" 3.0 1.5 2.0}}")).isEqualTo("3.|1.50000|2.00");
    }

    @Test
    void floatZeroPaddingGoesAfterTheSign() throws Exception {
        assertThat(render("{{printf \"%08.3f|%+08.2f\" -3.14159 2.5}}")).isEqualTo("-003.142|+0002.50");
    }

    @Test
    void stringVerbsQuoteAndHexEncode() throws Exception {
        assertThat(render("{{printf \"%q|%#q|%+q|%x|% X|%#x\" \"a\\\"b\" \"ab\" \"é\" \"hi\" \"hi\" \"hi\"}}"))
                .isEqualTo("\"a\\\"b\"|`ab`|\"\\u00e9\"|6869|68 69|0x6869");
    }

    @Test
    void typeVerbNamesGoTypes() throws Exception {
        assertThat(render("{{printf \"%T %T %T %T %T\" .Branch .Timestamp .Time .Time.Month true}}"))
                .isEqualTo("string int64 time.Time time.Month bool");
    }

    @Test
    void boolVerbs() throws Exception {
        assertThat(render("{{printf \"%t %v %5t\" true false true}}")).isEqualTo("true false  true");
    }

    @Test
    void printAddsSpacesOnlyBetweenNonStrings() throws Exception {
        assertThat(render("{{print \"a\" \"b\" 1 2 \"c\" 3}}")).isEqualTo("ab1 2c3");
    }

    @Test
    void printlnAlwaysSeparatesAndEndsTheLine() throws Exception {
        assertThat(render("{{println \"a\" \"b\" 1}}")).isEqualTo("a b 1\n");
    }

    @Test
    void actionsPrintValuesWithV() throws Exception {
        assertThat(render("{{1.5}} {{true}} {{.Timestamp}} {{.Time.Weekday}}"))
                .isEqualTo("1.5 true 1709647629 Tuesday");
    }
}
