package io.jenkins.plugins.registrysteps.engine.template;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Go's strconv quoting rules: Quote, QuoteRune, CanBackquote, Unquote and IsPrint. */
final class Quoting {
    static final int RUNE_ERROR = 0xFFFD;
    private static final int MAX_RUNE = 0x10FFFF;
    private static final String HEX = "0123456789abcdef";

    private Quoting() {
    }

    static String quote(String s, boolean asciiOnly) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(r -> escapeRune(out, r, '"', asciiOnly));
        return out.append('"').toString();
    }

    static String quoteRune(long r, boolean asciiOnly) {
        StringBuilder out = new StringBuilder("'");
        escapeRune(out, validRune(r), '\'', asciiOnly);
        return out.append('\'').toString();
    }

    /** Runes Go cannot encode (out of range, surrogates) print as U+FFFD. */
    static int validRune(long r) {
        return r < 0 || r > MAX_RUNE || (r >= 0xD800 && r <= 0xDFFF) ? RUNE_ERROR : (int) r;
    }

    private static void escapeRune(StringBuilder out, int r, char quote, boolean asciiOnly) {
        if (r == quote || r == '\\') {
            out.append('\\').appendCodePoint(r);
            return;
        }
        if (asciiOnly ? r < 0x80 && isPrint(r) : isPrint(r)) {
            out.appendCodePoint(r);
            return;
        }
        switch (r) {
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0B -> out.append("\\v");
            default -> {
                if (r < ' ' || r == 0x7F) {
                    out.append("\\x").append(HEX.charAt(r >> 4)).append(HEX.charAt(r & 0xF));
                } else {
                    int rune = validRune(r);
                    String hex = Integer.toHexString(rune);
                    out.append(rune < 0x10000 ? "\\u" + "0".repeat(4 - hex.length()) : "\\U" + "0".repeat(8 - hex.length()))
                            .append(hex);
                }
            }
        }
    }

    /** strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int r) {
        if (r == ' ') {
            return true;
        }
        return switch (Character.getType(r)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    static boolean canBackquote(String s) {
        return s.codePoints().noneMatch(r -> r == 0xFEFF || r == RUNE_ERROR || (r < ' ' && r != '\t') || r == '`'
                || r == 0x7F);
    }

    /** strconv.Unquote for "...", `...` and '...' literals; null when the syntax is invalid. */
    static String unquote(String literal) {
        if (literal.length() < 2 || literal.charAt(0) != literal.charAt(literal.length() - 1)) {
            return null;
        }
        char quote = literal.charAt(0);
        String body = literal.substring(1, literal.length() - 1);
        if (quote == '`') {
            return body.indexOf('`') >= 0 ? null : body.replace("\r", "");
        }
        if (quote != '"' && quote != '\'') {
            return null;
        }
        String text = unescape(body, quote);
        if (text == null || quote == '"') {
            return text;
        }
        return text.codePointCount(0, text.length()) == 1 ? text : null;
    }

    private static String unescape(String body, char quote) {
        // escapes such as \xff produce bytes, so collect UTF-8 and decode once at the end
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == quote || c == '\n') {
                return null;
            }
            if (c != '\\') {
                int r = body.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(r)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(r);
                continue;
            }
            if (i + 1 >= body.length()) {
                return null;
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> bytes.write(0x07);
                case 'b' -> bytes.write('\b');
                case 'f' -> bytes.write('\f');
                case 'n' -> bytes.write('\n');
                case 'r' -> bytes.write('\r');
                case 't' -> bytes.write('\t');
                case 'v' -> bytes.write(0x0B);
                case '\\' -> bytes.write('\\');
                case '\'', '"' -> {
                    if (e != quote) {
                        return null;
                    }
                    bytes.write(e);
                }
                case 'x', 'u', 'U' -> {
                    int length = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    Long value = digits(body, i, length, 16);
                    if (value == null || (e != 'x' && validRune(value) != value)) {
                        return null;
                    }
                    i += length;
                    if (e == 'x') {
                        bytes.write(value.intValue());
                    } else {
                        bytes.writeBytes(new String(Character.toChars(value.intValue())).getBytes(StandardCharsets.UTF_8));
                    }
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    Long value = digits(body, i - 1, 3, 8);
                    if (value == null || value > 255) {
                        return null;
                    }
                    i += 2;
                    bytes.write(value.intValue());
                }
                default -> {
                    return null;
                }
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Long digits(String s, int from, int length, int radix) {
        if (from + length > s.length()) {
            return null;
        }
        long value = 0;
        for (int i = from; i < from + length; i++) {
            int digit = Character.digit(s.charAt(i), radix);
            if (digit < 0) {
                return null;
            }
            value = value * radix + digit;
        }
        return value;
    }
}
