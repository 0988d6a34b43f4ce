package io.jenkins.plugins.registrysteps.engine.template;

import java.util.List;

/** eq, lt and le over Go's basic kinds; integers compare across types, other kinds must match. */
final class Comparison {

    private enum Kind { BOOL, INT, UINT, FLOAT, STRING, OTHER }

    private Comparison() {
    }

    private static Kind kind(Object value) {
        if (value instanceof Boolean) {
            return Kind.BOOL;
        } else if (value instanceof GoInt i) {
            return i.isUnsigned() ? Kind.UINT : Kind.INT;
        } else if (value instanceof Double) {
            return Kind.FLOAT;
        } else if (value instanceof String) {
            return Kind.STRING;
        }
        return Kind.OTHER;
    }

    private static boolean integer(Kind kind) {
        return kind == Kind.INT || kind == Kind.UINT;
    }

    static boolean eq(Object first, List<Object> others) throws CallError {
        if (others.isEmpty()) {
            throw new CallError("missing argument for comparison");
        }
        Kind k1 = kind(first);
        for (Object other : others) {
            Kind k2 = kind(other);
            boolean equal;
            if (k1 != k2 && !(integer(k1) && integer(k2))) {
                if (first != null && other != null) {
                    throw new CallError("incompatible types for comparison");
                }
                equal = false;
            } else if (integer(k1)) {
                equal = ((GoInt) first).value() == ((GoInt) other).value();
            } else if (first instanceof GoTime a && other instanceof GoTime b) {
                equal = a.time().equals(b.time());
            } else if (first instanceof TemplateData || other instanceof TemplateData) {
                equal = first == other;
            } else {
                equal = first == null ? other == null : first.equals(other);
            }
            if (equal) {
                return true;
            }
        }
        return false;
    }

    static boolean lt(Object a, Object b) throws CallError {
        Kind k1 = kind(a);
        Kind k2 = kind(b);
        if (k1 == Kind.OTHER || k2 == Kind.OTHER) {
            throw new CallError("invalid type for comparison");
        }
        if (k1 != k2 && !(integer(k1) && integer(k2))) {
            throw new CallError("incompatible types for comparison");
        }
        return switch (k1) {
            case BOOL -> throw new CallError("invalid type for comparison");
            case INT, UINT -> ((GoInt) a).value() < ((GoInt) b).value();
            case FLOAT -> (Double) a < (Double) b;
            default -> ((String) a).compareTo((String) b) < 0;
        };
    }

    static boolean le(Object a, Object b) throws CallError {
        return lt(a, b) || eq(a, List.of(b));
    }
}
