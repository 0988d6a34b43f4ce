package io.jenkins.plugins.registrysteps.engine.template;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A Go time.Time: the build time with Go's String() and the methods templates call on it. */
record GoTime(ZonedDateTime time) {

    private static final String STRING_LAYOUT = "2006-01-02 15:04:05.999999999 -0700 MST";
    private static final DateTimeFormatter ZONE_ABBREVIATION = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

    static final Map<String, Method> METHODS = Map.ofEntries(
            method("Format", List.of(Param.STRING), StaticType.STRING, (t, a) -> t.format((String) a.get(0))),
            method("String", List.of(), StaticType.STRING, (t, a) -> t.toString()),
            method("Unix", List.of(), StaticType.INT64, (t, a) -> int64(t.time.toEpochSecond())),
            method("UnixMilli", List.of(), StaticType.INT64, (t, a) -> int64(t.time.toInstant().toEpochMilli())),
            method("UnixNano", List.of(), StaticType.INT64, (t, a) -> int64(t.unixNano())),
            method("Year", List.of(), StaticType.INT, (t, a) -> GoInt.of(t.time.getYear())),
            method("Month", List.of(), StaticType.MONTH,
                    (t, a) -> new GoInt(t.time.getMonthValue(), GoInt.Type.MONTH)),
            method("Day", List.of(), StaticType.INT, (t, a) -> GoInt.of(t.time.getDayOfMonth())),
            method("Hour", List.of(), StaticType.INT, (t, a) -> GoInt.of(t.time.getHour())),
            method("Minute", List.of(), StaticType.INT, (t, a) -> GoInt.of(t.time.getMinute())),
            method("Second", List.of(), StaticType.INT, (t, a) -> GoInt.of(t.time.getSecond())),
            method("Nanosecond", List.of(), StaticType.INT, (t, a) -> GoInt.of(t.time.getNano())),
            method("YearDay", List.of(), StaticType.INT, (t, a) -> GoInt.of(t.time.getDayOfYear())),
            method("Weekday", List.of(), StaticType.WEEKDAY,
                    (t, a) -> new GoInt(t.time.getDayOfWeek().getValue() % 7, GoInt.Type.WEEKDAY)),
            method("UTC", List.of(), StaticType.TIME, (t, a) -> new GoTime(t.time.withZoneSameInstant(ZoneOffset.UTC))));

    private static Map.Entry<String, Method> method(String name, List<Param> params, StaticType result,
                                                    TimeBody body) {
        return Map.entry(name, new Method(name, params, result, (receiver, args) -> body.call((GoTime) receiver, args)));
    }

    @FunctionalInterface
    private interface TimeBody {
        Object call(GoTime time, List<Object> args);
    }

    private static GoInt int64(long value) {
        return new GoInt(value, GoInt.Type.INT64);
    }

    private long unixNano() {
        Instant instant = time.toInstant();
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    String format(String layout) {
        return TimeLayout.format(time, zoneName(), layout);
    }

    /** Go's abbreviation: "UTC" for UTC, tzdata names for regions, empty for bare offsets (printed as -0700). */
    String zoneName() {
        ZoneId zone = time.getZone();
        if (zone instanceof ZoneOffset offset) {
            return offset.getTotalSeconds() == 0 ? "UTC" : "";
        }
        String name = ZONE_ABBREVIATION.format(time);
        if (name.startsWith("GMT") && name.length() > 3) {
            // Java spells zones without an abbreviation "GMT+05:30"; tzdata (and so Go) spells them "+0530"
            String offset = name.substring(3).replace(":", "");
            return offset.endsWith("00") && offset.length() == 5 ? offset.substring(0, 3) : offset;
        }
        return name;
    }

    @Override
    public String toString() {
        return format(STRING_LAYOUT);
    }
}
