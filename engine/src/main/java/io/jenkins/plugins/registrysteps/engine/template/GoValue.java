package io.jenkins.plugins.registrysteps.engine.template;

/**
 * The Go side of a template value. Values are String, Boolean, Double (float64), {@link GoInt},
 * {@link GoTime}, {@link TemplateData} (the root struct) or null (Go's untyped nil).
 */
final class GoValue {
    private GoValue() {
    }

    /** reflect.TypeOf(v).String(), as fmt shows it. */
    static String typeName(Object value) {
        if (value == null) {
            return "<nil>";
        } else if (value instanceof String) {
            return "string";
        } else if (value instanceof Boolean) {
            return "bool";
        } else if (value instanceof Double) {
            return "float64";
        } else if (value instanceof GoInt i) {
            return i.type().goName;
        } else if (value instanceof GoTime) {
            return "time.Time";
        }
        return "template.Data";
    }

    /** text/template's truth: the zero value of a type is false, any struct is true. */
    static boolean isTrue(Object value) {
        if (value == null) {
            return false;
        } else if (value instanceof String s) {
            return !s.isEmpty();
        } else if (value instanceof Boolean b) {
            return b;
        } else if (value instanceof Double d) {
            return d != 0;
        } else if (value instanceof GoInt i) {
            return i.value() != 0;
        }
        return true;
    }
}
