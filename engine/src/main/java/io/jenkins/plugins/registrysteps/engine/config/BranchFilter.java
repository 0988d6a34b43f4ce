package io.jenkins.plugins.registrysteps.engine.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A step's {@code tag} or {@code exclude} value, with Codeship's rule: a value holding {@code ^} or {@code $} is a
 * Go (RE2) regular expression matched anywhere in the build tag; any other value must equal the whole build tag.
 * RE2 keeps Go's semantics and matches in linear time whatever the pattern.
 */
public final class BranchFilter {

    private final String source;
    private final Pattern regex;

    private BranchFilter(String source, Pattern regex) {
        this.source = source;
        this.regex = regex;
    }

    /** @throws IllegalArgumentException with a message saying what is wrong with the regular expression */
    public static BranchFilter of(String value) {
        if (value.indexOf('^') < 0 && value.indexOf('$') < 0) {
            return new BranchFilter(value, null);
        }
        try {
            return new BranchFilter(value, Pattern.compile(value));
        } catch (PatternSyntaxException e) {
            String why = e.getDescription();
            if (value.contains("(?!") || value.contains("(?=") || value.contains("(?<")) {
                why = "lookahead and lookbehind are not supported by Go's regular expressions, which Codeship uses";
            }
            throw new IllegalArgumentException("invalid regular expression \"" + value + "\": " + why, e);
        }
    }

    public boolean matches(String buildTag) {
        return regex == null ? source.equals(buildTag) : regex.matcher(buildTag).find();
    }

    public boolean isRegex() {
        return regex != null;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
