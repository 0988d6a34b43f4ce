package io.jenkins.plugins.registrysteps.engine.template;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Go's fmt for the values a template sees (string, int, float64, bool, time.Time, nil): Sprintf with flags, width,
 * precision and Go's error notation ({@code %!d(string=x)}, {@code %!s(MISSING)}, {@code %!(EXTRA ...)}), Sprint and
 * Sprintln.
 */
final class GoFormat {

    private GoFormat() {
    }

    static String sprint(List<Object> args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            // Go adds a space between operands when neither is a string
            if (i > 0 && !(args.get(i) instanceof String) && !(args.get(i - 1) instanceof String)) {
                out.append(' ');
            }
            out.append(value(args.get(i)));
        }
        return out.toString();
    }

    static String sprintln(List<Object> args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            out.append(i > 0 ? " " : "").append(value(args.get(i)));
        }
        return out.append('\n').toString();
    }

    /** The {@code %v} form of a value. */
    static String value(Object arg) {
        if (arg == null) {
            return "<nil>";
        }
        if (arg instanceof Double d) {
            return formatG(d, -1, false);
        }
        return arg.toString();
    }

    static String typeName(Object arg) {
        if (arg instanceof String) {
            return "string";
        }
        if (arg instanceof Long) {
            return "int";
        }
        if (arg instanceof Double) {
            return "float64";
        }
        if (arg instanceof Boolean) {
            return "bool";
        }
        if (arg instanceof GoTime) {
            return "time.Time";
        }
        return arg == null ? "<nil>" : "main.BuildData";
    }

    static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            Spec spec = new Spec();
            i++;
            while (i < format.length() && "+-# 0".indexOf(format.charAt(i)) >= 0) {
                spec.flag(format.charAt(i++));
            }
            if (i < format.length() && format.charAt(i) == '*') {
                i++;
                spec.width = next < args.size() && args.get(next) instanceof Long w ? w.intValue() : -1;
                next++;
            } else {
                int start = i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                spec.width = i > start ? Integer.parseInt(format.substring(start, i)) : -1;
            }
            if (i < format.length() && format.charAt(i) == '.') {
                i++;
                int start = i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                spec.precision = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
            }
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(i++);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (next >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            out.append(verb(verb, spec, args.get(next++)));
        }
        if (next < args.size()) {
            out.append("%!(EXTRA ");
            for (int a = next; a < args.size(); a++) {
                out.append(a > next ? ", " : "").append(typeName(args.get(a))).append('=').append(value(args.get(a)));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static final class Spec {
        boolean minus;
        boolean plus;
        boolean sharp;
        boolean zero;
        boolean space;
        int width = -1;
        int precision = -1;

        void flag(char c) {
            switch (c) {
                case '-' -> minus = true;
                case '+' -> plus = true;
                case '#' -> sharp = true;
                case '0' -> zero = true;
                default -> space = true;
            }
        }

        String pad(String text, boolean numeric) {
            int length = text.codePointCount(0, text.length());
            if (width <= length) {
                return text;
            }
            String fill = (zero && !minus ? "0" : " ").repeat(width - length);
            if (minus) {
                return text + " ".repeat(width - length);
            }
            if (zero && numeric && (text.startsWith("-") || text.startsWith("+") || text.startsWith(" "))) {
                return text.charAt(0) + fill + text.substring(1);
            }
            return fill + text;
        }
    }

    private static String verb(char verb, Spec spec, Object arg) {
        if (arg instanceof Long n) {
            return integer(verb, spec, n);
        }
        if (arg instanceof Double d) {
            return floating(verb, spec, d);
        }
        if (arg instanceof Boolean b) {
            return verb == 't' || verb == 'v' ? spec.pad(b.toString(), false) : bad(verb, arg);
        }
        if (arg instanceof String || arg instanceof GoTime || arg == null) {
            return text(verb, spec, arg);
        }
        return verb == 'v' || verb == 's' ? spec.pad(value(arg), false) : bad(verb, arg);
    }

    private static String text(char verb, Spec spec, Object arg) {
        if (arg == null) {
            return verb == 'v' || verb == 's' ? spec.pad("%!" + verb + "(<nil>)", false) : "%!" + verb + "(<nil>)";
        }
        String s = arg.toString();
        return switch (verb) {
            case 'v', 's' -> spec.pad(truncate(s, spec.precision), false);
            case 'q' -> spec.pad(quote(truncate(s, spec.precision)), false);
            case 'x', 'X' -> spec.pad(hex(truncate(s, spec.precision), verb == 'X', spec.space), false);
            default -> bad(verb, arg);
        };
    }

    private static String integer(char verb, Spec spec, long n) {
        String digits = switch (verb) {
            case 'd', 'v' -> Long.toString(Math.abs(n));
            case 'x' -> Long.toHexString(Math.abs(n));
            case 'X' -> Long.toHexString(Math.abs(n)).toUpperCase(Locale.ROOT);
            case 'o' -> Long.toOctalString(Math.abs(n));
            case 'b' -> Long.toBinaryString(Math.abs(n));
            case 'c' -> new String(Character.toChars((int) n));
            case 'q' -> "'" + new String(Character.toChars((int) n)) + "'";
            case 'U' -> String.format("U+%04X", n);
            default -> null;
        };
        if (digits == null) {
            return bad(verb, n);
        }
        if (verb == 'c' || verb == 'q' || verb == 'U') {
            return spec.pad(digits, false);
        }
        if (spec.precision >= 0 && digits.length() < spec.precision) {
            digits = "0".repeat(spec.precision - digits.length()) + digits;
        }
        if (spec.sharp) {
            digits = (verb == 'x' ? "0x" : verb == 'X' ? "0X" : verb == 'o' ? "0" : "") + digits;
        }
        String sign = n < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
        return spec.pad(sign + digits, true);
    }

    private static String floating(char verb, Spec spec, double d) {
        String body = switch (verb) {
            case 'f', 'F' -> new BigDecimal(d).setScale(spec.precision < 0 ? 6 : spec.precision, java.math.RoundingMode.HALF_EVEN)
                    .toPlainString();
            case 'e', 'E' -> exponent(d, spec.precision < 0 ? 6 : spec.precision, verb == 'E');
            case 'g', 'G', 'v' -> formatG(d, spec.precision, verb == 'G');
            default -> null;
        };
        if (body == null) {
            return bad(verb, d);
        }
        if (!body.startsWith("-") && (spec.plus || spec.space)) {
            body = (spec.plus ? "+" : " ") + body;
        }
        return spec.pad(body, true);
    }

    private static String exponent(double d, int precision, boolean upper) {
        String s = String.format(Locale.ROOT, "%." + precision + "e", d);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e);
        int exp = Integer.parseInt(s.substring(e + 1));
        String result = mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        return upper ? result.toUpperCase(Locale.ROOT) : result;
    }

    /** Go's %g: shortest representation, exponent form below 1e-4 and from 1e21 on (precision -1). */
    static String formatG(double d, int precision, boolean upper) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        BigDecimal exact = precision < 0 ? new BigDecimal(Double.toString(d))
                : new BigDecimal(d).round(new java.math.MathContext(Math.max(1, precision)));
        if (exact.signum() == 0) {
            return d == 0 && 1 / d < 0 ? "-0" : "0";
        }
        int exp = exact.precision() - exact.scale() - 1;
        int limit = precision < 0 ? 21 : Math.max(1, precision);
        String result;
        if (exp < -4 || exp >= limit) {
            BigDecimal mantissa = exact.movePointLeft(exp).stripTrailingZeros();
            result = mantissa.toPlainString() + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        } else {
            result = exact.stripTrailingZeros().toPlainString();
        }
        return upper ? result.toUpperCase(Locale.ROOT) : result;
    }

    private static String truncate(String s, int precision) {
        if (precision < 0 || s.codePointCount(0, s.length()) <= precision) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, precision));
    }

    private static String hex(String s, boolean upper, boolean spaced) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            if (spaced && out.length() > 0) {
                out.append(' ');
            }
            out.append(String.format(upper ? "%02X" : "%02x", b));
        }
        return out.toString();
    }

    /** Go's strconv.Quote. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        out.append(String.format("\\x%02x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    private static String bad(char verb, Object arg) {
        return "%!" + verb + "(" + typeName(arg) + "=" + value(arg) + ")";
    }
}
