package io.jenkins.plugins.registrysteps.engine.template;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Locale;

/** A Go integer; the type matters because fmt prints it in error text and Month/Weekday are Stringers. */
record GoInt(long value, Type type) {

    enum Type {
        INT("int"), INT64("int64"), UINT8("uint8"), MONTH("time.Month"), WEEKDAY("time.Weekday");

        final String goName;

        Type(String goName) {
            this.goName = goName;
        }
    }

    static GoInt of(long value) {
        return new GoInt(value, Type.INT);
    }

    boolean isUnsigned() {
        return type == Type.UINT8;
    }

    /** Go's String() method for the types that have one, otherwise null. */
    String stringer() {
        return switch (type) {
            case MONTH -> value >= 1 && value <= 12
                    ? java.time.Month.of((int) value).getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                    : "%!Month(" + value + ")";
            case WEEKDAY -> value >= 0 && value <= 6
                    ? DayOfWeek.of(value == 0 ? 7 : (int) value).getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                    : "%!Weekday(" + value + ")";
            default -> null;
        };
    }
}
