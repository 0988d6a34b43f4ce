package io.jenkins.plugins.registrysteps.engine.template;

/** What parse time knows about the type of dot or of a field chain, to reject typos before the build. */
enum StaticType {
    DATA, STRING, INT, INT64, TIME, MONTH, WEEKDAY, UNKNOWN;

    static StaticType of(Object value) {
        if (value instanceof String) {
            return STRING;
        } else if (value instanceof GoTime) {
            return TIME;
        } else if (value instanceof TemplateData) {
            return DATA;
        } else if (value instanceof GoInt i) {
            return switch (i.type()) {
                case MONTH -> MONTH;
                case WEEKDAY -> WEEKDAY;
                case INT64 -> INT64;
                default -> INT;
            };
        }
        return UNKNOWN;
    }

    String goName() {
        return switch (this) {
            case DATA -> "template.Data";
            case STRING -> "string";
            case INT -> "int";
            case INT64 -> "int64";
            case TIME -> "time.Time";
            case MONTH -> "time.Month";
            case WEEKDAY -> "time.Weekday";
            case UNKNOWN -> "interface {}";
        };
    }
}
