package io.jenkins.plugins.registrysteps.engine.template;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Go's fmt.Sprintf, Sprint and Sprintln over template values, error notation included. */
final class Fmt {
    private static final int TOO_LARGE = 1_000_000; // fmt rejects widths and precisions beyond this
    private static final String LOWER_DIGITS = "0123456789abcdefx";
    private static final String UPPER_DIGITS = "0123456789ABCDEFX";

    private final StringBuilder buf = new StringBuilder();
    private boolean plus;
    private boolean minus;
    private boolean sharp;
    private boolean space;
    private boolean zero;
    private boolean sharpV;
    private boolean widPresent;
    private boolean precPresent;
    private int wid;
    private int prec;
    private boolean erroring;

    private Fmt() {
    }

    static String sprintf(String format, List<Object> args) {
        Fmt p = new Fmt();
        p.doPrintf(format, args);
        return p.buf.toString();
    }

    /** Spaces are added between operands when neither is a string. */
    static String sprint(List<Object> args) {
        Fmt p = new Fmt();
        boolean previousString = false;
        for (int i = 0; i < args.size(); i++) {
            boolean isString = args.get(i) instanceof String;
            if (i > 0 && !isString && !previousString) {
                p.buf.append(' ');
            }
            p.printArg(args.get(i), 'v');
            previousString = isString;
        }
        return p.buf.toString();
    }

    static String sprintln(List<Object> args) {
        Fmt p = new Fmt();
        for (int i = 0; i < args.size(); i++) {
            p.buf.append(i > 0 ? " " : "");
            p.printArg(args.get(i), 'v');
        }
        return p.buf.append('\n').toString();
    }

    private void clearFlags() {
        plus = minus = sharp = space = zero = sharpV = widPresent = precPresent = false;
        wid = prec = 0;
    }

    private void doPrintf(String format, List<Object> args) {
        int end = format.length();
        int argNum = 0;
        boolean reordered = false;
        int i = 0;
        while (i < end) {
            int literalStart = i;
            while (i < end && format.charAt(i) != '%') {
                i++;
            }
            buf.append(format, literalStart, i);
            if (i >= end) {
                break;
            }
            i++;
            clearFlags();
            flags:
            for (; i < end; i++) {
                switch (format.charAt(i)) {
                    case '#' -> sharp = true;
                    case '0' -> zero = true;
                    case '+' -> plus = true;
                    case '-' -> minus = true;
                    case ' ' -> space = true;
                    default -> {
                        break flags;
                    }
                }
            }
            boolean goodArgNum = true;
            ArgIndex index = argNumber(argNum, format, i, args.size());
            reordered |= index.present;
            goodArgNum &= index.good;
            argNum = index.argNum;
            i = index.next;
            boolean afterIndex = index.present;
            if (i < end && format.charAt(i) == '*') {
                i++;
                Integer width = intFromArg(args, argNum);
                argNum += argNum < args.size() ? 1 : 0;
                if (width == null) {
                    buf.append("%!(BADWIDTH)");
                } else {
                    widPresent = true;
                    wid = Math.abs(width);
                    minus |= width < 0; // a negative width argument means left-justify
                    zero &= width >= 0;
                }
                afterIndex = false;
            } else {
                int[] number = parseNumber(format, i, end);
                wid = number[0];
                widPresent = number[1] == 1;
                i = number[2];
                goodArgNum &= !(afterIndex && widPresent);
            }
            if (i + 1 < end && format.charAt(i) == '.') {
                i++;
                goodArgNum &= !afterIndex;
                index = argNumber(argNum, format, i, args.size());
                reordered |= index.present;
                goodArgNum &= index.good;
                argNum = index.argNum;
                i = index.next;
                afterIndex = index.present;
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    Integer precision = intFromArg(args, argNum);
                    argNum += argNum < args.size() ? 1 : 0;
                    precPresent = precision != null && precision >= 0;
                    prec = precPresent ? precision : 0;
                    if (!precPresent) {
                        buf.append("%!(BADPREC)");
                    }
                    afterIndex = false;
                } else {
                    int[] number = parseNumber(format, i, end);
                    prec = number[0];
                    precPresent = true;
                    i = number[2];
                }
            }
            if (!afterIndex) {
                index = argNumber(argNum, format, i, args.size());
                reordered |= index.present;
                goodArgNum &= index.good;
                argNum = index.argNum;
                i = index.next;
            }
            if (i >= end) {
                buf.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                buf.append('%'); // percent takes no operand and ignores width and precision
            } else if (!goodArgNum) {
                buf.append("%!").appendCodePoint(verb).append("(BADINDEX)");
            } else if (argNum >= args.size()) {
                buf.append("%!").appendCodePoint(verb).append("(MISSING)");
            } else {
                if (verb == 'v') {
                    sharpV = sharp;
                    sharp = false;
                    plus = false;
                }
                printArg(args.get(argNum), verb);
                argNum++;
            }
        }
        if (!reordered && argNum < args.size()) {
            clearFlags();
            buf.append("%!(EXTRA ");
            for (int k = argNum; k < args.size(); k++) {
                buf.append(k > argNum ? ", " : "");
                Object arg = args.get(k);
                if (arg == null) {
                    buf.append("<nil>");
                } else {
                    buf.append(GoValue.typeName(arg)).append('=');
                    printArg(arg, 'v');
                }
            }
            buf.append(')');
        }
    }

    private record ArgIndex(int argNum, int next, boolean present, boolean good) {
    }

    /** An explicit argument index such as %[2]d; one-based in the format, zero-based here. */
    private static ArgIndex argNumber(int argNum, String format, int i, int numArgs) {
        if (i >= format.length() || format.charAt(i) != '[') {
            return new ArgIndex(argNum, i, false, true);
        }
        int close = format.indexOf(']', i + 1);
        if (format.length() - i < 3 || close < 0) {
            return new ArgIndex(argNum, i + 1, true, false);
        }
        int[] number = parseNumber(format, i + 1, close);
        if (number[1] == 0 || number[2] != close) {
            return new ArgIndex(argNum, close + 1, true, false);
        }
        int index = number[0] - 1;
        boolean inRange = index >= 0 && index < numArgs;
        return new ArgIndex(inRange ? index : argNum, close + 1, true, inRange);
    }

    private static Integer intFromArg(List<Object> args, int argNum) {
        if (argNum < args.size() && args.get(argNum) instanceof GoInt n && Math.abs(n.value()) <= TOO_LARGE) {
            return (int) n.value();
        }
        return null;
    }

    /** Returns {number, isNumber, next index}; an absurdly long number consumes the rest of the format. */
    private static int[] parseNumber(String s, int start, int end) {
        int num = 0;
        boolean isNumber = false;
        int i = start;
        for (; i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            if (num > TOO_LARGE) {
                return new int[] {0, 0, end};
            }
            num = num * 10 + s.charAt(i) - '0';
            isNumber = true;
        }
        return new int[] {num, isNumber ? 1 : 0, i};
    }

    private void printArg(Object arg, int verb) {
        if (arg == null) {
            if (verb == 'T' || verb == 'v') {
                pad("<nil>");
            } else {
                badVerb(null, verb);
            }
            return;
        }
        if (verb == 'T') {
            fmtS(GoValue.typeName(arg));
            return;
        }
        String stringer = stringerOf(arg);
        if (stringer != null && !erroring && !sharpV && (verb == 'v' || verb == 's' || verb == 'x' || verb == 'X'
                || verb == 'q')) {
            fmtString(stringer, verb, arg);
        } else if (arg instanceof String s) {
            fmtString(s, verb, arg);
        } else if (arg instanceof Boolean b) {
            fmtBool(b, verb);
        } else if (arg instanceof Double d) {
            fmtFloat(d, verb);
        } else if (arg instanceof GoInt n) {
            fmtInteger(n, verb);
        } else {
            badVerb(arg, verb); // structs (time.Time, the data) print only through their String form
        }
    }

    private static String stringerOf(Object arg) {
        if (arg instanceof GoInt n) {
            return n.stringer();
        }
        return arg instanceof GoTime || arg instanceof TemplateData ? arg.toString() : null;
    }

    private void badVerb(Object arg, int verb) {
        erroring = true;
        buf.append("%!").appendCodePoint(verb).append('(');
        if (arg == null) {
            buf.append("<nil>");
        } else {
            buf.append(GoValue.typeName(arg)).append('=');
            printArg(arg, 'v');
        }
        buf.append(')');
        erroring = false;
    }

    private void fmtBool(boolean b, int verb) {
        if (verb == 't' || verb == 'v') {
            pad(Boolean.toString(b));
        } else {
            badVerb(b, verb);
        }
    }

    private void fmtString(String s, int verb, Object arg) {
        switch (verb) {
            case 'v' -> {
                if (sharpV) {
                    fmtQ(s);
                } else {
                    fmtS(s);
                }
            }
            case 's' -> fmtS(s);
            case 'x' -> fmtSx(s, LOWER_DIGITS);
            case 'X' -> fmtSx(s, UPPER_DIGITS);
            case 'q' -> fmtQ(s);
            default -> badVerb(arg, verb);
        }
    }

    /** Precision truncates by runes, not bytes. */
    private String truncate(String s) {
        if (!precPresent || s.codePointCount(0, s.length()) <= prec) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, prec));
    }

    private void fmtS(String s) {
        pad(truncate(s));
    }

    private void fmtQ(String s) {
        String truncated = truncate(s);
        if (sharp && Quoting.canBackquote(truncated)) {
            pad("`" + truncated + "`");
        } else {
            pad(Quoting.quote(truncated, plus));
        }
    }

    private void fmtSx(String s, String digits) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int length = precPresent && prec < bytes.length ? prec : bytes.length;
        int width = 2 * length;
        if (width == 0) {
            if (widPresent) {
                writePadding(wid);
            }
            return;
        }
        if (space) {
            width = (sharp ? width * 2 : width) + length - 1;
        } else if (sharp) {
            width += 2;
        }
        if (widPresent && wid > width && !minus) {
            writePadding(wid - width);
        }
        if (sharp) {
            buf.append('0').append(digits.charAt(16));
        }
        for (int i = 0; i < length; i++) {
            if (space && i > 0) {
                buf.append(' ');
                if (sharp) {
                    buf.append('0').append(digits.charAt(16));
                }
            }
            buf.append(digits.charAt((bytes[i] >> 4) & 0xF)).append(digits.charAt(bytes[i] & 0xF));
        }
        if (widPresent && wid > width && minus) {
            writePadding(wid - width);
        }
    }

    private void fmtInteger(GoInt n, int verb) {
        switch (verb) {
            case 'v' -> {
                if (sharpV && n.isUnsigned()) {
                    sharp = true;
                    integer(n, 16, verb, LOWER_DIGITS);
                } else {
                    integer(n, 10, verb, LOWER_DIGITS);
                }
            }
            case 'd' -> integer(n, 10, verb, LOWER_DIGITS);
            case 'b' -> integer(n, 2, verb, LOWER_DIGITS);
            case 'o', 'O' -> integer(n, 8, verb, LOWER_DIGITS);
            case 'x' -> integer(n, 16, verb, LOWER_DIGITS);
            case 'X' -> integer(n, 16, verb, UPPER_DIGITS);
            case 'c' -> pad(new String(Character.toChars(Quoting.validRune(n.value()))));
            case 'q' -> pad(Quoting.quoteRune(n.value(), plus));
            case 'U' -> unicode(n.value());
            default -> badVerb(n, verb);
        }
    }

    private void integer(GoInt n, int base, int verb, String digits) {
        boolean negative = n.value() < 0;
        long magnitude = negative ? -n.value() : n.value(); // Long.MIN_VALUE stays itself: read as unsigned
        int precision = 0;
        if (precPresent) {
            precision = prec;
            if (precision == 0 && magnitude == 0) {
                boolean oldZero = zero;
                zero = false;
                writePadding(wid);
                zero = oldZero;
                return;
            }
        } else if (zero && !minus && widPresent) {
            precision = wid - (negative || plus || space ? 1 : 0); // zero padding leaves room for the sign
        }
        String unsigned = Long.toUnsignedString(magnitude, base);
        StringBuilder number = new StringBuilder(digits.equals(UPPER_DIGITS) ? unsigned.toUpperCase() : unsigned);
        while (number.length() < precision) {
            number.insert(0, '0');
        }
        if (sharp) {
            switch (base) {
                case 2 -> number.insert(0, "0b");
                case 8 -> {
                    if (number.charAt(0) != '0') {
                        number.insert(0, '0');
                    }
                }
                case 16 -> number.insert(0, "0" + digits.charAt(16));
                default -> {
                }
            }
        }
        if (verb == 'O') {
            number.insert(0, "0o");
        }
        if (negative) {
            number.insert(0, '-');
        } else if (plus) {
            number.insert(0, '+');
        } else if (space) {
            number.insert(0, ' ');
        }
        boolean oldZero = zero;
        zero = false;
        pad(number.toString());
        zero = oldZero;
    }

    private void unicode(long value) {
        StringBuilder out = new StringBuilder(Long.toHexString(value).toUpperCase());
        int precision = precPresent && prec > 4 ? prec : 4;
        while (out.length() < precision) {
            out.insert(0, '0');
        }
        out.insert(0, "U+");
        if (sharp && value >= 0 && value <= 0x10FFFF && Quoting.isPrint((int) value)) {
            out.append(" '").appendCodePoint((int) value).append('\'');
        }
        boolean oldZero = zero;
        zero = false;
        pad(out.toString());
        zero = oldZero;
    }

    private void fmtFloat(double v, int verb) {
        switch (verb) {
            case 'v' -> floatNumber(v, 'g', -1);
            case 'g', 'G' -> floatNumber(v, (char) verb, -1);
            case 'f', 'F', 'e', 'E' -> floatNumber(v, verb == 'F' ? 'f' : (char) verb, 6);
            default -> badVerb(v, verb);
        }
    }

    private void floatNumber(double v, char verb, int defaultPrecision) {
        int precision = precPresent ? prec : defaultPrecision;
        String formatted = FloatFormat.format(v, verb, precision);
        StringBuilder num = new StringBuilder(formatted.startsWith("-") || formatted.startsWith("+")
                ? formatted : "+" + formatted);
        if (space && num.charAt(0) == '+' && !plus) {
            num.setCharAt(0, ' ');
        }
        if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
            // infinities and NaN are never zero padded, and NaN shows a sign only when asked
            boolean oldZero = zero;
            zero = false;
            pad(num.charAt(1) == 'N' && !space && !plus ? num.substring(1) : num.toString());
            zero = oldZero;
            return;
        }
        if (sharp) {
            keepDecimalPoint(num, verb, precision);
        }
        if (plus || num.charAt(0) != '+') {
            if (zero && !minus && widPresent && wid > num.length()) {
                buf.append(num.charAt(0));
                writePadding(wid - num.length());
                buf.append(num, 1, num.length());
                return;
            }
            pad(num.toString());
            return;
        }
        pad(num.substring(1));
    }

    /** The # flag: always print a decimal point, and for %g keep trailing zeros up to the precision. */
    private static void keepDecimalPoint(StringBuilder num, char verb, int precision) {
        int digits = verb == 'g' || verb == 'G' ? (precision == -1 ? 6 : precision) : 0;
        String tail = "";
        int exponentAt = -1;
        for (int i = 1; i < num.length(); i++) {
            char c = num.charAt(i);
            if (c == 'e' || c == 'E') {
                exponentAt = i;
                break;
            }
        }
        if (exponentAt >= 0) {
            tail = num.substring(exponentAt);
            num.setLength(exponentAt);
        }
        boolean hasDecimalPoint = false;
        boolean sawNonzeroDigit = false;
        for (int i = 1; i < num.length(); i++) {
            char c = num.charAt(i);
            if (c == '.') {
                hasDecimalPoint = true;
            } else {
                sawNonzeroDigit |= c != '0';
                digits -= sawNonzeroDigit ? 1 : 0;
            }
        }
        if (!hasDecimalPoint) {
            if (num.length() == 2 && num.charAt(1) == '0') {
                digits--; // a lone leading zero counts once
            }
            num.append('.');
        }
        num.append("0".repeat(Math.max(digits, 0))).append(tail);
    }

    /** Width counts runes; the 0 flag pads with zeros only on the left. */
    private void pad(String s) {
        if (!widPresent || wid == 0) {
            buf.append(s);
            return;
        }
        int width = wid - s.codePointCount(0, s.length());
        if (!minus) {
            writePadding(width);
            buf.append(s);
        } else {
            buf.append(s);
            writePadding(width);
        }
    }

    private void writePadding(int n) {
        if (n > 0) {
            buf.append(String.valueOf(zero && !minus ? '0' : ' ').repeat(n));
        }
    }
}
