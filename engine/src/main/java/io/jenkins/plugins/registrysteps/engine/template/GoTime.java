package io.jenkins.plugins.registrysteps.engine.template;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** The build time as Go's time.Time shows it to templates: its String form, Format layouts and accessors. */
final class GoTime {

    private final ZonedDateTime time;

    GoTime(ZonedDateTime time) {
        this.time = time;
    }

    ZonedDateTime time() {
        return time;
    }

    /** Go's {@code Time.String()}: {@code 2006-01-02 15:04:05.999999999 -0700 MST}. */
    @Override
    public String toString() {
        return format("2006-01-02 15:04:05.999999999 -0700 MST");
    }

    /** Methods a template may call on the time, as Go names them. */
    Object call(String method, int offset) throws TemplateException {
        return switch (method) {
            case "Unix" -> time.toEpochSecond();
            case "UnixMilli" -> time.toInstant().toEpochMilli();
            case "UnixNano" -> time.toEpochSecond() * 1_000_000_000L + time.getNano();
            case "Year" -> (long) time.getYear();
            case "Month" -> time.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case "Day" -> (long) time.getDayOfMonth();
            case "Hour" -> (long) time.getHour();
            case "Minute" -> (long) time.getMinute();
            case "Second" -> (long) time.getSecond();
            case "Nanosecond" -> (long) time.getNano();
            case "YearDay" -> (long) time.getDayOfYear();
            case "Weekday" -> time.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case "UTC" -> new GoTime(time.withZoneSameInstant(java.time.ZoneOffset.UTC));
            case "String" -> toString();
            default -> throw new TemplateException("can't evaluate field " + method + " in type time.Time", offset);
        };
    }

    static boolean hasMethod(String method) {
        return switch (method) {
            case "Unix", "UnixMilli", "UnixNano", "Year", "Month", "Day", "Hour", "Minute", "Second", "Nanosecond", "YearDay",
                    "Weekday", "UTC", "String", "Format" -> true;
            default -> false;
        };
    }

    /** Go's reference-time layouts: 2006 01 02 15 04 05, Jan, Monday, MST, -0700, .000 and the rest. */
    String format(String layout) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            String token = tokenAt(layout, i);
            if (token == null) {
                out.append(layout.charAt(i++));
                continue;
            }
            out.append(render(token));
            i += token.length();
        }
        return out.toString();
    }

    private static final String[] TOKENS = {"January", "Jan", "Monday", "Mon", "MST", "2006", "002", "06", "01", "02", "_2",
        "15", "03", "04", "05", "PM", "pm", "Z07:00:00", "Z070000", "Z07:00", "Z0700", "Z07", "-07:00:00", "-070000",
        "-07:00", "-0700", "-07", "1", "2", "3", "4", "5"};

    private static String tokenAt(String layout, int i) {
        if ((layout.charAt(i) == '.' || layout.charAt(i) == ',') && i + 1 < layout.length()
                && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9')) {
            char digit = layout.charAt(i + 1);
            int j = i + 1;
            while (j < layout.length() && layout.charAt(j) == digit) {
                j++;
            }
            if (j == layout.length() || !Character.isDigit(layout.charAt(j))) {
                return layout.substring(i, j);
            }
        }
        for (String token : TOKENS) {
            if (layout.startsWith(token, i)) {
                // Go reads "Jan" only when no lower-case letter follows (so "January" or "Janus" stay whole)
                if ((token.equals("Jan") || token.equals("Mon")) && i + 3 < layout.length()
                        && Character.isLowerCase(layout.charAt(i + 3))) {
                    continue;
                }
                return token;
            }
        }
        return null;
    }

    private String render(String token) {
        int offsetSeconds = time.getOffset().getTotalSeconds();
        if (token.startsWith(".") || token.startsWith(",")) {
            return fraction(token);
        }
        return switch (token) {
            case "January" -> time.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case "Jan" -> time.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case "Monday" -> time.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case "Mon" -> time.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case "MST" -> zoneAbbreviation();
            case "2006" -> String.format("%04d", time.getYear());
            case "06" -> String.format("%02d", time.getYear() % 100);
            case "002" -> String.format("%03d", time.getDayOfYear());
            case "01" -> String.format("%02d", time.getMonthValue());
            case "1" -> Integer.toString(time.getMonthValue());
            case "02" -> String.format("%02d", time.getDayOfMonth());
            case "_2" -> String.format("%2d", time.getDayOfMonth());
            case "2" -> Integer.toString(time.getDayOfMonth());
            case "15" -> String.format("%02d", time.getHour());
            case "03" -> String.format("%02d", hour12());
            case "3" -> Integer.toString(hour12());
            case "04" -> String.format("%02d", time.getMinute());
            case "4" -> Integer.toString(time.getMinute());
            case "05" -> String.format("%02d", time.getSecond());
            case "5" -> Integer.toString(time.getSecond());
            case "PM" -> time.getHour() >= 12 ? "PM" : "AM";
            case "pm" -> time.getHour() >= 12 ? "pm" : "am";
            default -> zone(token, offsetSeconds);
        };
    }

    private int hour12() {
        int hour = time.getHour() % 12;
        return hour == 0 ? 12 : hour;
    }

    private String fraction(String token) {
        int digits = token.length() - 1;
        String nanos = String.format("%09d", time.getNano()).substring(0, Math.min(9, digits));
        if (token.charAt(1) == '9') {
            nanos = nanos.replaceAll("0+$", "");
            return nanos.isEmpty() ? "" : token.charAt(0) + nanos;
        }
        return token.charAt(0) + nanos;
    }

    private String zoneAbbreviation() {
        if (time.getZone() instanceof java.time.ZoneOffset offset) {
            return offset.getTotalSeconds() == 0 ? "UTC" : zone("-0700", offset.getTotalSeconds());
        }
        return time.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    private static String zone(String token, int offsetSeconds) {
        if (token.startsWith("Z") && offsetSeconds == 0) {
            return "Z";
        }
        String sign = offsetSeconds < 0 ? "-" : "+";
        int abs = Math.abs(offsetSeconds);
        String hh = String.format("%02d", abs / 3600);
        String mm = String.format("%02d", abs / 60 % 60);
        String ss = String.format("%02d", abs % 60);
        String shape = token.substring(1);
        return sign + switch (shape) {
            case "07:00:00" -> hh + ":" + mm + ":" + ss;
            case "070000" -> hh + mm + ss;
            case "07:00" -> hh + ":" + mm;
            case "0700" -> hh + mm;
            default -> hh;
        };
    }
}
