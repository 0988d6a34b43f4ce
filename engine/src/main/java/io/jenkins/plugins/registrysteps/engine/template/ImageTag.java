package io.jenkins.plugins.registrysteps.engine.template;

/** Docker tag rules: {@code [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}}. */
public final class ImageTag {
    public static final int MAX_LENGTH = 128;

    private ImageTag() {
    }

    /** Codeship strips invalid tag characters rather than failing the push, so we do the same. */
    public static String sanitize(String raw) {
        StringBuilder tag = new StringBuilder(Math.min(raw.length(), MAX_LENGTH));
        for (int i = 0; i < raw.length() && tag.length() < MAX_LENGTH; i++) {
            char c = raw.charAt(i);
            boolean leading = tag.length() == 0;
            if (isTagCharacter(c) && !(leading && (c == '.' || c == '-'))) {
                tag.append(c);
            }
        }
        return tag.toString();
    }

    private static boolean isTagCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
    }
}
