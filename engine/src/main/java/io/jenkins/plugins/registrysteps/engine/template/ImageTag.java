package io.jenkins.plugins.registrysteps.engine.template;

/** Codeship's rule for a rendered tag: invalid characters stripped, no leading '.' or '-', at most 128 characters. */
public final class ImageTag {

    public static final int MAX_LENGTH = 128;

    private ImageTag() {
    }

    /** {@code feature/login} becomes {@code featurelogin}; the result may be empty. */
    public static String sanitize(String raw) {
        StringBuilder tag = new StringBuilder(Math.min(raw.length(), MAX_LENGTH));
        for (int i = 0; i < raw.length() && tag.length() < MAX_LENGTH; i++) {
            char c = raw.charAt(i);
            boolean valid = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
            if (valid && !(tag.length() == 0 && (c == '.' || c == '-'))) {
                tag.append(c);
            }
        }
        return tag.toString();
    }
}
