package io.jenkins.plugins.registrysteps.engine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Go's text/template lexer: text, {{ actions }} with trim markers and comments. It stops at the first error,
 * which becomes an ERROR token so the parser reports problems in source order, as Go does.
 */
final class Lexer {
    private static final String LEFT_DELIM = "{{";
    private static final String RIGHT_DELIM = "}}";
    private static final String LEFT_COMMENT = "/*";
    private static final String RIGHT_COMMENT = "*/";
    private static final int TRIM_MARKER_LENGTH = 2; // the marker plus the space beside it

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int start;
    private int pos;
    private int parenDepth;

    private Lexer(String input) {
        this.input = input;
    }

    static List<Token> tokens(String input) {
        Lexer lexer = new Lexer(input);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        boolean more = lexText();
        while (more) {
            more = lexInsideAction() && lexText();
        }
    }

    /** Text up to the next "{{"; returns true when an action follows. */
    private boolean lexText() {
        while (true) {
            int x = input.indexOf(LEFT_DELIM, pos);
            if (x < 0) {
                pos = input.length();
                if (pos > start) {
                    emit(Token.Kind.TEXT);
                }
                emit(Token.Kind.EOF);
                return false;
            }
            pos = x;
            int trim = hasLeftTrimMarker(x + LEFT_DELIM.length()) ? rightTrimLength(start, x) : 0;
            if (x - trim > start) {
                tokens.add(new Token(Token.Kind.TEXT, input.substring(start, x - trim), start));
            }
            start = x;
            if (lexLeftDelim()) {
                return true;
            }
            if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).kind() == Token.Kind.ERROR) {
                return false;
            }
        }
    }

    /** Returns true for an action, false after skipping a comment. */
    private boolean lexLeftDelim() {
        pos += LEFT_DELIM.length();
        boolean trim = hasLeftTrimMarker(pos);
        int afterMarker = trim ? TRIM_MARKER_LENGTH : 0;
        if (input.startsWith(LEFT_COMMENT, pos + afterMarker)) {
            pos += afterMarker;
            start = pos;
            lexComment();
            return false;
        }
        tokens.add(new Token(Token.Kind.LEFT_DELIM, input.substring(start, pos), start));
        pos += afterMarker;
        start = pos;
        parenDepth = 0;
        return true;
    }

    private void lexComment() {
        pos += LEFT_COMMENT.length();
        int x = input.indexOf(RIGHT_COMMENT, pos);
        if (x < 0) {
            error("unclosed comment");
            return;
        }
        pos = x + RIGHT_COMMENT.length();
        boolean trimMarker = atTrimmedRightDelim();
        if (!trimMarker && !input.startsWith(RIGHT_DELIM, pos)) {
            error("comment ends before closing delimiter");
            return;
        }
        pos += (trimMarker ? TRIM_MARKER_LENGTH : 0) + RIGHT_DELIM.length();
        if (trimMarker) {
            pos += leftTrimLength(pos);
        }
        start = pos;
    }

    /** Lexes one action; returns false when lexing must stop (an error). */
    private boolean lexInsideAction() {
        while (true) {
            boolean trimmed = atTrimmedRightDelim();
            if (trimmed || input.startsWith(RIGHT_DELIM, pos)) {
                if (parenDepth != 0) {
                    return error("unclosed left paren");
                }
                lexRightDelim(trimmed);
                return true;
            }
            if (pos >= input.length()) {
                return error("unclosed action");
            }
            int r = input.codePointAt(pos);
            pos += Character.charCount(r);
            boolean ok = switch (r) {
                case ' ', '\t', '\r', '\n' -> lexSpace();
                case '=' -> emit(Token.Kind.ASSIGN);
                case ':' -> pos < input.length() && input.charAt(pos++) == '='
                        ? emit(Token.Kind.DECLARE) : error("expected :=");
                case '|' -> emit(Token.Kind.PIPE);
                case '"' -> lexQuote();
                case '`' -> lexRawQuote();
                case '\'' -> lexChar();
                case '$' -> lexFieldOrVariable(Token.Kind.VARIABLE);
                case '(' -> {
                    parenDepth++;
                    yield emit(Token.Kind.LEFT_PAREN);
                }
                case ')' -> {
                    parenDepth--;
                    yield parenDepth < 0 ? error("unexpected right paren") : emit(Token.Kind.RIGHT_PAREN);
                }
                default -> lexOther(r);
            };
            if (!ok) {
                return false;
            }
        }
    }

    private boolean lexOther(int r) {
        if (r == '.' && (pos >= input.length() || input.charAt(pos) < '0' || input.charAt(pos) > '9')) {
            return lexFieldOrVariable(Token.Kind.FIELD);
        }
        if (r == '.' || r == '+' || r == '-' || (r >= '0' && r <= '9')) {
            pos--;
            return lexNumber();
        }
        if (isAlphaNumeric(r)) {
            pos -= Character.charCount(r);
            return lexIdentifier();
        }
        if (r < 0x80 && Quoting.isPrint(r)) {
            return emit(Token.Kind.CHAR);
        }
        return error("unrecognized character in action: " + describeRune(r));
    }

    private void lexRightDelim(boolean trimmed) {
        if (trimmed) {
            pos += TRIM_MARKER_LENGTH;
            start = pos;
        }
        pos += RIGHT_DELIM.length();
        emit(Token.Kind.RIGHT_DELIM);
        if (trimmed) {
            pos += leftTrimLength(pos);
            start = pos;
        }
    }

    private boolean lexSpace() {
        int spaces = 1;
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            pos++;
            spaces++;
        }
        // the last space may belong to a " -}}" trim marker
        if (atTrimmedRightDelimFrom(pos - 1)) {
            pos--;
            if (spaces == 1) {
                return true;
            }
        }
        return emit(Token.Kind.SPACE);
    }

    private boolean lexIdentifier() {
        while (pos < input.length() && isAlphaNumeric(input.codePointAt(pos))) {
            pos += Character.charCount(input.codePointAt(pos));
        }
        if (!atTerminator()) {
            return error("bad character " + describeRune(input.codePointAt(pos)));
        }
        String word = input.substring(start, pos);
        if (Token.KEYWORDS.contains(word)) {
            return emit(Token.Kind.valueOf(word.toUpperCase(Locale.ROOT)));
        }
        return emit(word.equals("true") || word.equals("false") ? Token.Kind.BOOL : Token.Kind.IDENTIFIER);
    }

    /** After the '.' or '$': a name, or nothing for dot itself and the root variable. */
    private boolean lexFieldOrVariable(Token.Kind kind) {
        if (atTerminator()) {
            return emit(kind == Token.Kind.FIELD ? Token.Kind.DOT : kind);
        }
        while (pos < input.length() && isAlphaNumeric(input.codePointAt(pos))) {
            pos += Character.charCount(input.codePointAt(pos));
        }
        if (!atTerminator()) {
            return error("bad character " + describeRune(input.codePointAt(pos)));
        }
        return emit(kind);
    }

    private boolean lexNumber() {
        if (!scanNumber()) {
            return error("bad number syntax: " + Quoting.quote(input.substring(start, pos), false));
        }
        return emit(Token.Kind.NUMBER);
    }

    private boolean scanNumber() {
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (pos < input.length() && isAlphaNumeric(input.codePointAt(pos))) {
            pos += Character.charCount(input.codePointAt(pos));
            return false;
        }
        return true;
    }

    private boolean accept(String valid) {
        if (pos < input.length() && valid.indexOf(input.charAt(pos)) >= 0) {
            pos++;
            return true;
        }
        return false;
    }

    private void acceptRun(String valid) {
        boolean more = true;
        while (more) {
            more = accept(valid);
        }
    }

    private boolean lexQuote() {
        return lexQuoted('"', Token.Kind.STRING, "unterminated quoted string");
    }

    private boolean lexChar() {
        return lexQuoted('\'', Token.Kind.CHAR_CONSTANT, "unterminated character constant");
    }

    private boolean lexQuoted(char quote, Token.Kind kind, String unterminated) {
        while (true) {
            if (pos >= input.length()) {
                return error(unterminated);
            }
            char c = input.charAt(pos++);
            if (c == '\\') {
                if (pos >= input.length() || input.charAt(pos) == '\n') {
                    return error(unterminated);
                }
                pos++;
            } else if (c == '\n') {
                return error(unterminated);
            } else if (c == quote) {
                return emit(kind);
            }
        }
    }

    private boolean lexRawQuote() {
        int close = input.indexOf('`', pos);
        if (close < 0) {
            pos = input.length();
            return error("unterminated raw quoted string");
        }
        pos = close + 1;
        return emit(Token.Kind.RAW_STRING);
    }

    private boolean atTerminator() {
        if (pos >= input.length()) {
            return true;
        }
        char c = input.charAt(pos);
        return isSpace(c) || ".,|:()".indexOf(c) >= 0 || input.startsWith(RIGHT_DELIM, pos);
    }

    private boolean atTrimmedRightDelim() {
        return atTrimmedRightDelimFrom(pos);
    }

    private boolean atTrimmedRightDelimFrom(int at) {
        return at + 1 < input.length() && isSpace(input.charAt(at)) && input.charAt(at + 1) == '-'
                && input.startsWith(RIGHT_DELIM, at + TRIM_MARKER_LENGTH);
    }

    private boolean hasLeftTrimMarker(int at) {
        return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
    }

    private int rightTrimLength(int from, int to) {
        int i = to;
        while (i > from && isSpace(input.charAt(i - 1))) {
            i--;
        }
        return to - i;
    }

    private int leftTrimLength(int from) {
        int i = from;
        while (i < input.length() && isSpace(input.charAt(i))) {
            i++;
        }
        return i - from;
    }

    private boolean emit(Token.Kind kind) {
        tokens.add(new Token(kind, input.substring(start, pos), start));
        start = pos;
        return true;
    }

    private boolean error(String message) {
        tokens.add(new Token(Token.Kind.ERROR, message, start));
        return false;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isAlphaNumeric(int r) {
        return r == '_' || Character.isLetter(r) || Character.isDigit(r);
    }

    /** Go's %#U: U+007D '}'. */
    private static String describeRune(int r) {
        String hex = Integer.toHexString(r).toUpperCase(Locale.ROOT);
        String code = "U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex;
        return Quoting.isPrint(r) ? code + " '" + new String(Character.toChars(r)) + "'" : code;
    }
}
