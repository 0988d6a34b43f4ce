package io.jenkins.plugins.registrysteps.engine.template;

import static io.jenkins.plugins.registrysteps.engine.template.Templates.build;
import static io.jenkins.plugins.registrysteps.engine.template.Templates.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TimeTest {

    @Test
    void timePrintsAsGoTimeString() throws Exception {
        assertThat(render("{{.Time}}")).isEqualTo("2024-03-05 14:07:09 +0000 UTC");
    }

    @Test
    void timeStringDropsTrailingZerosOfTheFraction() throws Exception {
        ZonedDateTime time = Templates.BUILD_TIME.withNano(120_000_000);
        assertThat(render("{{.Time}}", build().time(time).build())).isEqualTo("2024-03-05 14:07:09.12 +0000 UTC");
    }

    @Test
    void timeFormatsWithGoReferenceLayout() throws Exception {
        assertThat(render("{{.Time.Format \"2006-01-02T15:04:05Z07:00\"}}")).isEqualTo("2024-03-05T14:07:09Z");
        assertThat(render("{{.Time.Format \"20060102-150405\"}}")).isEqualTo("20240305-140709");
    }

    @Test
    void layoutNamesAndPaddedForms() throws Exception {
        assertThat(render("{{.Time.Format \"Mon Monday Jan January 1 01 2 02 _2 __2 002 06 3 03 4 05 PM pm\"}}"))
                .isEqualTo("Tue Tuesday Mar March 3 03 5 05  5  65 065 24 2 02 7 09 PM pm");
    }

    @Test
    void layoutFractionsPadOrTrim() throws Exception {
        ZonedDateTime time = Templates.BUILD_TIME.withNano(120_000_000);
        assertThat(render("{{.Time.Format \"05.000|05.999|05,00|05.9\"}}", build().time(time).build()))
                .isEqualTo("09.120|09.12|09,12|09.1");
        assertThat(render("{{.Time.Format \"05.000|05.999\"}}")).isEqualTo("09.000|09");
    }

    @Test
    void layoutZonesForAnOffsetWithoutAName() throws Exception {
        ZonedDateTime time = Templates.BUILD_TIME.withZoneSameInstant(ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(render("{{.Time.Format \"15:04 -0700 -07:00 -07 Z0700 Z07:00 MST\"}}", build().time(time).build()))
                .isEqualTo("19:37 +0530 +05:30 +05 +0530 +05:30 +0530");
    }

    @Test
    void regionZonesUseTheirAbbreviation() throws Exception {
        ZonedDateTime time = Templates.BUILD_TIME.withZoneSameInstant(ZoneId.of("America/New_York"));
        assertThat(render("{{.Time}}", build().time(time).build())).isEqualTo("2024-03-05 09:07:09 -0500 EST");
    }

    @Test
    void wordsThatMerelyStartLikeALayoutStayLiteral() throws Exception {
        assertThat(render("{{.Time.Format \"Janx Monx\"}}")).isEqualTo("Janx Monx");
    }

    @Test
    void timeMethodsReturnGoValues() throws Exception {
        assertThat(render("{{.Time.Unix}} {{.Time.UnixNano}} {{.Time.Year}} {{.Time.Month}} {{.Time.Day}} "
                + "{{.Time.Hour}} {{.Time.Minute}} {{.Time.Second}} {{.Time.YearDay}} {{.Time.Weekday}}"))
                .isEqualTo("1709647629 1709647629000000000 2024 March 5 14 7 9 65 Tuesday");
    }

    @Test
    void monthIsANumberForIntegerVerbs() throws Exception {
        assertThat(render("{{printf \"%d %02d %s %v\" .Time.Month .Time.Month .Time.Month .Time.Month.String}}"))
                .isEqualTo("3 03 March March");
    }

    @Test
    void utcConvertsTheZone() throws Exception {
        ZonedDateTime time = Templates.BUILD_TIME.withZoneSameInstant(ZoneOffset.ofHours(2));
        assertThat(render("{{.Time}}|{{.Time.UTC}}", build().time(time).build()))
                .isEqualTo("2024-03-05 16:07:09 +0200 +0200|2024-03-05 14:07:09 +0000 UTC");
    }

    @Test
    void timestampFollowsTimeUnlessSet() throws Exception {
        assertThat(render("{{.Timestamp}}")).isEqualTo("1709647629");
        assertThat(render("{{.Timestamp}}", build().timestamp(42).build())).isEqualTo("42");
    }

    @Test
    void stringTimeDefaultsToTimeString() throws Exception {
        assertThat(render("{{.StringTime}}")).isEqualTo("2024-03-05 14:07:09 +0000 UTC");
        assertThat(render("{{.StringTime}}", build().stringTime("at two").build())).isEqualTo("at two");
    }
}
