package io.jenkins.plugins.registrysteps.engine.template;

import java.nio.charset.StandardCharsets;

/** The html, js and urlquery escapers of text/template and net/url. */
final class Escaping {
    private Escaping() {
    }

    static String html(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(r -> {
            switch (r) {
                case 0 -> out.append('\uFFFD');
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.appendCodePoint(r);
            }
        });
        return out.toString();
    }

    static String js(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(r -> {
            switch (r) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '<' -> out.append("\\u003C");
                case '>' -> out.append("\\u003E");
                case '&' -> out.append("\\u0026");
                case '=' -> out.append("\\u003D");
                default -> {
                    if (Quoting.isPrint(r)) {
                        out.appendCodePoint(r);
                    } else {
                        out.append(String.format("\\u%04X", r));
                    }
                }
            }
        });
        return out.toString();
    }

    /** url.QueryEscape: unreserved bytes stay, space becomes '+', everything else %XX. */
    static String queryEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
