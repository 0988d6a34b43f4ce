package io.jenkins.plugins.registrysteps.engine.template;

import java.util.List;

/** A lexical item of a template, as Go's text/template/parse lexer produces them. */
record Token(Kind kind, String text, int offset) {

    enum Kind {
        TEXT, LEFT_DELIM, RIGHT_DELIM, SPACE, FIELD, VARIABLE, IDENTIFIER, STRING, RAW_STRING, CHAR_CONSTANT,
        NUMBER, BOOL, PIPE, LEFT_PAREN, RIGHT_PAREN, CHAR, DECLARE, ASSIGN, ERROR, EOF,
        // keywords, which Go's messages show in angle brackets
        DOT, NIL, IF, ELSE, END, WITH, RANGE, TEMPLATE, DEFINE, BLOCK;

        boolean isKeyword() {
            return ordinal() >= DOT.ordinal();
        }
    }

    static final List<String> KEYWORDS = List.of("nil", "if", "else", "end", "with", "range", "template", "define",
            "block");

    /** How Go's parser names the item in "unexpected ..." messages. */
    String describe() {
        if (kind == Kind.EOF) {
            return "EOF";
        } else if (kind == Kind.ERROR) {
            return text;
        } else if (kind.isKeyword()) {
            return "<" + text + ">";
        } else if (text.codePointCount(0, text.length()) > 10) {
            return Fmt.sprintf("%.10q...", List.of(text));
        }
        return Quoting.quote(text, false);
    }
}
