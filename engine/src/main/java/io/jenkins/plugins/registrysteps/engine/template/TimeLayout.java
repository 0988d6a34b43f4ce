package io.jenkins.plugins.registrysteps.engine.template;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** Go's reference-time layouts ("Mon Jan 2 15:04:05 MST 2006"), ported from time.Format's nextStdChunk. */
final class TimeLayout {

    private enum Std {
        LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY,
        UNDER_YEAR_DAY, ZERO_YEAR_DAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND,
        LONG_YEAR, YEAR, PM_UPPER, PM_LOWER, TZ,
        ISO8601_TZ, ISO8601_SECONDS_TZ, ISO8601_SHORT_TZ, ISO8601_COLON_TZ, ISO8601_COLON_SECONDS_TZ,
        NUM_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_COLON_SECONDS_TZ,
        FRAC_ZEROS, FRAC_NINES
    }

    private record Chunk(int start, int end, Std std, int digits, char separator) {
    }

    private TimeLayout() {
    }

    static String format(ZonedDateTime time, String zoneName, String layout) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            Chunk chunk = nextChunk(layout, i);
            if (chunk == null) {
                out.append(layout, i, layout.length());
                break;
            }
            out.append(layout, i, chunk.start);
            append(out, time, zoneName, chunk);
            i = chunk.end;
        }
        return out.toString();
    }

    private static Chunk nextChunk(String layout, int from) {
        for (int i = from; i < layout.length(); i++) {
            Chunk chunk = chunkAt(layout, i);
            if (chunk != null) {
                return chunk;
            }
        }
        return null;
    }

    private static Chunk chunkAt(String l, int i) {
        char c = l.charAt(i);
        switch (c) {
            case 'J':
                if (l.startsWith("January", i)) {
                    return chunk(i, 7, Std.LONG_MONTH);
                }
                if (l.startsWith("Jan", i) && !startsWithLowerCase(l, i + 3)) {
                    return chunk(i, 3, Std.MONTH);
                }
                return null;
            case 'M':
                if (l.startsWith("Monday", i)) {
                    return chunk(i, 6, Std.LONG_WEEKDAY);
                }
                if (l.startsWith("Mon", i) && !startsWithLowerCase(l, i + 3)) {
                    return chunk(i, 3, Std.WEEKDAY);
                }
                return l.startsWith("MST", i) ? chunk(i, 3, Std.TZ) : null;
            case '0':
                if (i + 1 < l.length() && l.charAt(i + 1) >= '1' && l.charAt(i + 1) <= '6') {
                    Std[] zeroed = {Std.ZERO_MONTH, Std.ZERO_DAY, Std.ZERO_HOUR12, Std.ZERO_MINUTE, Std.ZERO_SECOND,
                        Std.YEAR};
                    return chunk(i, 2, zeroed[l.charAt(i + 1) - '1']);
                }
                return l.startsWith("002", i) ? chunk(i, 3, Std.ZERO_YEAR_DAY) : null;
            case '1':
                return l.startsWith("15", i) ? chunk(i, 2, Std.HOUR) : chunk(i, 1, Std.NUM_MONTH);
            case '2':
                return l.startsWith("2006", i) ? chunk(i, 4, Std.LONG_YEAR) : chunk(i, 1, Std.DAY);
            case '_':
                if (l.startsWith("_2006", i)) {
                    return chunk(i + 1, 4, Std.LONG_YEAR); // "_2006" is a literal "_" then the year
                }
                if (l.startsWith("_2", i)) {
                    return chunk(i, 2, Std.UNDER_DAY);
                }
                return l.startsWith("__2", i) ? chunk(i, 3, Std.UNDER_YEAR_DAY) : null;
            case '3':
                return chunk(i, 1, Std.HOUR12);
            case '4':
                return chunk(i, 1, Std.MINUTE);
            case '5':
                return chunk(i, 1, Std.SECOND);
            case 'P':
                return l.startsWith("PM", i) ? chunk(i, 2, Std.PM_UPPER) : null;
            case 'p':
                return l.startsWith("pm", i) ? chunk(i, 2, Std.PM_LOWER) : null;
            case '-':
                return firstOf(l, i, new String[] {"-070000", "-07:00:00", "-0700", "-07:00", "-07"},
                        new Std[] {Std.NUM_SECONDS_TZ, Std.NUM_COLON_SECONDS_TZ, Std.NUM_TZ, Std.NUM_COLON_TZ,
                            Std.NUM_SHORT_TZ});
            case 'Z':
                return firstOf(l, i, new String[] {"Z070000", "Z07:00:00", "Z0700", "Z07:00", "Z07"},
                        new Std[] {Std.ISO8601_SECONDS_TZ, Std.ISO8601_COLON_SECONDS_TZ, Std.ISO8601_TZ,
                            Std.ISO8601_COLON_TZ, Std.ISO8601_SHORT_TZ});
            case '.', ',':
                return fraction(l, i, c);
            default:
                return null;
        }
    }

    private static Chunk fraction(String l, int i, char separator) {
        if (i + 1 >= l.length() || (l.charAt(i + 1) != '0' && l.charAt(i + 1) != '9')) {
            return null;
        }
        char digit = l.charAt(i + 1);
        int j = i + 1;
        while (j < l.length() && l.charAt(j) == digit) {
            j++;
        }
        // only a fractional second if the run of digits ends here
        if (j < l.length() && Character.isDigit(l.charAt(j))) {
            return null;
        }
        return new Chunk(i, j, digit == '0' ? Std.FRAC_ZEROS : Std.FRAC_NINES, j - i - 1, separator);
    }

    private static Chunk firstOf(String l, int i, String[] tokens, Std[] stds) {
        for (int k = 0; k < tokens.length; k++) {
            if (l.startsWith(tokens[k], i)) {
                return chunk(i, tokens[k].length(), stds[k]);
            }
        }
        return null;
    }

    private static Chunk chunk(int start, int length, Std std) {
        return new Chunk(start, start + length, std, 0, '.');
    }

    private static boolean startsWithLowerCase(String l, int i) {
        return i < l.length() && l.charAt(i) >= 'a' && l.charAt(i) <= 'z';
    }

    private static void append(StringBuilder out, ZonedDateTime t, String zoneName, Chunk chunk) {
        int hour = t.getHour();
        int hour12 = hour % 12 == 0 ? 12 : hour % 12;
        switch (chunk.std) {
            case YEAR -> number(out, Math.floorMod(t.getYear(), 100), 2);
            case LONG_YEAR -> number(out, t.getYear(), 4);
            case MONTH -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            case LONG_MONTH -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            case NUM_MONTH -> number(out, t.getMonthValue(), 0);
            case ZERO_MONTH -> number(out, t.getMonthValue(), 2);
            case WEEKDAY -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            case LONG_WEEKDAY -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            case DAY -> number(out, t.getDayOfMonth(), 0);
            case UNDER_DAY -> out.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
            case ZERO_DAY -> number(out, t.getDayOfMonth(), 2);
            case UNDER_YEAR_DAY -> out.append(" ".repeat(3 - String.valueOf(t.getDayOfYear()).length()))
                    .append(t.getDayOfYear());
            case ZERO_YEAR_DAY -> number(out, t.getDayOfYear(), 3);
            case HOUR -> number(out, hour, 2);
            case HOUR12 -> number(out, hour12, 0);
            case ZERO_HOUR12 -> number(out, hour12, 2);
            case MINUTE -> number(out, t.getMinute(), 0);
            case ZERO_MINUTE -> number(out, t.getMinute(), 2);
            case SECOND -> number(out, t.getSecond(), 0);
            case ZERO_SECOND -> number(out, t.getSecond(), 2);
            case PM_UPPER -> out.append(hour >= 12 ? "PM" : "AM");
            case PM_LOWER -> out.append(hour >= 12 ? "pm" : "am");
            case TZ -> zoneAbbreviation(out, zoneName, t.getOffset().getTotalSeconds());
            case FRAC_ZEROS, FRAC_NINES -> fraction(out, t.getNano(), chunk);
            default -> numericZone(out, chunk.std, t.getOffset().getTotalSeconds());
        }
    }

    private static void zoneAbbreviation(StringBuilder out, String zoneName, int offset) {
        if (!zoneName.isEmpty()) {
            out.append(zoneName);
            return;
        }
        int minutes = offset / 60; // no name known, so Go falls back to -0700
        out.append(minutes < 0 ? '-' : '+');
        number(out, Math.abs(minutes) / 60, 2);
        number(out, Math.abs(minutes) % 60, 2);
    }

    private static void numericZone(StringBuilder out, Std std, int offset) {
        String name = std.name();
        if (offset == 0 && name.startsWith("ISO8601")) {
            out.append('Z');
            return;
        }
        boolean colon = name.contains("COLON");
        int absolute = Math.abs(offset);
        out.append(offset < 0 ? '-' : '+');
        number(out, absolute / 3600, 2);
        if (!name.contains("SHORT")) {
            out.append(colon ? ":" : "");
            number(out, absolute / 60 % 60, 2);
        }
        if (name.contains("SECONDS")) {
            out.append(colon ? ":" : "");
            number(out, absolute % 60, 2);
        }
    }

    private static void fraction(StringBuilder out, int nanos, Chunk chunk) {
        boolean trim = chunk.std == Std.FRAC_NINES;
        if (trim && nanos == 0) {
            return;
        }
        String digits = String.format(Locale.ROOT, "%09d", nanos);
        digits = digits.substring(0, Math.min(chunk.digits, 9));
        if (trim) {
            digits = digits.replaceFirst("0+$", "");
            if (digits.isEmpty()) {
                return;
            }
        }
        out.append(chunk.separator).append(digits);
    }

    private static void number(StringBuilder out, long value, int width) {
        String digits = Long.toString(Math.abs(value));
        out.append(value < 0 ? "-" : "").append("0".repeat(Math.max(0, width - digits.length()))).append(digits);
    }
}
