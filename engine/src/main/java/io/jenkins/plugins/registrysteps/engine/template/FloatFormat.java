package io.jenkins.plugins.registrysteps.engine.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** strconv.FormatFloat for the 'e', 'f' and 'g' formats, with exact (half-even) decimal rounding. */
final class FloatFormat {

    /** Decimal digits without trailing zeros; the value is 0.digits × 10^point. */
    private record Digits(String digits, int point) {
        static Digits of(BigDecimal value) {
            if (value.signum() == 0) {
                return new Digits("", 0);
            }
            BigDecimal stripped = value.stripTrailingZeros();
            String digits = stripped.unscaledValue().toString();
            return new Digits(digits, digits.length() - stripped.scale());
        }

        char at(int i) {
            return i >= 0 && i < digits.length() ? digits.charAt(i) : '0';
        }
    }

    private FloatFormat() {
    }

    /** A negative precision means the shortest representation that reads back as the same float64. */
    static String format(double value, char format, int precision) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        BigDecimal exact = new BigDecimal(Math.abs(value));
        char lower = Character.toLowerCase(format);
        boolean shortest = precision < 0;
        int prec = precision;
        Digits digits;
        if (shortest) {
            digits = Digits.of(new BigDecimal(Double.toString(Math.abs(value))));
            prec = switch (lower) {
                case 'e' -> Math.max(digits.digits.length() - 1, 0);
                case 'f' -> Math.max(digits.digits.length() - digits.point, 0);
                default -> digits.digits.length();
            };
        } else if (lower == 'f') {
            digits = Digits.of(exact.setScale(prec, RoundingMode.HALF_EVEN));
        } else {
            prec = lower == 'g' && prec == 0 ? 1 : prec;
            int significant = lower == 'e' ? prec + 1 : prec;
            digits = Digits.of(exact.round(new MathContext(significant, RoundingMode.HALF_EVEN)));
        }
        String sign = negative ? "-" : "";
        return sign + switch (lower) {
            case 'e' -> exponent(digits, prec, format);
            case 'f' -> fixed(digits, prec);
            default -> general(digits, prec, shortest, format == 'G' ? 'E' : 'e');
        };
    }

    private static String general(Digits d, int precision, boolean shortest, char e) {
        int prec = precision;
        int nd = d.digits.length();
        int eprec = prec > nd && nd >= d.point ? nd : prec;
        if (shortest) {
            eprec = 6; // Go decides between %e and %f as if the precision were 6
        }
        int exp = d.point - 1;
        if (exp < -4 || exp >= eprec) {
            return exponent(d, Math.min(prec, nd) - 1, e);
        }
        if (prec > d.point) {
            prec = nd;
        }
        return fixed(d, Math.max(prec - d.point, 0));
    }

    private static String exponent(Digits d, int prec, char e) {
        StringBuilder out = new StringBuilder().append(d.at(0));
        if (prec > 0) {
            out.append('.');
            for (int i = 1; i <= prec; i++) {
                out.append(d.at(i));
            }
        }
        int exp = d.digits.isEmpty() ? 0 : d.point - 1;
        out.append(e).append(exp < 0 ? '-' : '+');
        String digits = Integer.toString(Math.abs(exp));
        return out.append(digits.length() < 2 ? "0" : "").append(digits).toString();
    }

    private static String fixed(Digits d, int prec) {
        StringBuilder out = new StringBuilder();
        if (d.point > 0) {
            for (int i = 0; i < d.point; i++) {
                out.append(d.at(i));
            }
        } else {
            out.append('0');
        }
        if (prec > 0) {
            out.append('.');
            for (int i = 0; i < prec; i++) {
                out.append(d.at(d.point + i));
            }
        }
        return out.toString();
    }
}
