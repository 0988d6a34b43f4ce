package io.jenkins.plugins.registrysteps.engine.image;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference {@code [host[:port]/]path[:tag][@digest]}, parsed and normalised with Docker's rules
 * (distribution/reference): a first component is a registry host only when it holds a dot or a colon, is
 * {@code localhost}, or has upper case; otherwise the image lives on Docker Hub, where one-part names get
 * {@code library/}.
 */
public record ImageReference(String registry, String path, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";
    private static final int MAX_NAME_LENGTH = 255;

    private static final Pattern DOMAIN_COMPONENT = Pattern.compile("(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])");
    private static final Pattern HOST = Pattern.compile(
            "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}");

    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(path, "path");
    }

    /** Parses a reference as {@code docker pull} does; the message of the exception says what is wrong. */
    public static ImageReference parse(String text) throws InvalidReferenceException {
        if (text == null || text.isEmpty()) {
            throw new InvalidReferenceException("image name is empty");
        }
        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new InvalidReferenceException("invalid digest \"" + digest + "\" in image name \"" + text + "\"");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidReferenceException("invalid tag \"" + tag + "\" in image name \"" + text
                        + "\": a tag is up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'");
            }
        }
        String registry = DOCKER_HUB;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0 && isHost(rest.substring(0, slash))) {
            registry = rest.substring(0, slash);
            path = rest.substring(slash + 1);
            if (!HOST.matcher(registry).matches()) {
                throw new InvalidReferenceException("invalid registry host \"" + registry + "\" in image name \"" + text + "\"");
            }
        }
        if (registry.equals("index.docker.io")) {
            registry = DOCKER_HUB;
        }
        checkPath(path, text);
        if (registry.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
            path = "library/" + path;
        }
        if (registry.length() + 1 + path.length() > MAX_NAME_LENGTH) {
            throw new InvalidReferenceException("image name \"" + text + "\" is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return new ImageReference(registry, path, tag, digest);
    }

    private static boolean isHost(String first) {
        return first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.toLowerCase(Locale.ROOT).equals(first);
    }

    private static void checkPath(String path, String text) throws InvalidReferenceException {
        if (path.isEmpty()) {
            throw new InvalidReferenceException("image name \"" + text + "\" has no repository path");
        }
        for (String component : path.split("/", -1)) {
            if (PATH_COMPONENT.matcher(component).matches()) {
                continue;
            }
            if (PATH_COMPONENT.matcher(component.toLowerCase(Locale.ROOT)).matches()) {
                throw new InvalidReferenceException("repository name must be lowercase: \"" + text
                        + "\" (Docker rejects upper case; write \"" + lowerCasePath(text) + "\")");
            }
            throw new InvalidReferenceException("invalid repository path component \"" + component + "\" in image name \""
                    + text + "\": use lower-case letters, digits and single '.', '_', '__' or '-' between them");
        }
    }

    private static String lowerCasePath(String text) {
        Matcher m = Pattern.compile("^([^/]+\\.[^/]+/|[^/]+:[0-9]+/|localhost/)?(.*?)(:[^/]*)?$").matcher(text);
        if (!m.matches()) {
            return text.toLowerCase(Locale.ROOT);
        }
        return (m.group(1) == null ? "" : m.group(1)) + m.group(2).toLowerCase(Locale.ROOT)
                + (m.group(3) == null ? "" : m.group(3));
    }

    /** {@code registry/path}, without tag or digest. */
    public String repository() {
        return registry + "/" + path;
    }

    public boolean isDockerHub() {
        return registry.equals(DOCKER_HUB);
    }

    public ImageReference withTag(String newTag) {
        return new ImageReference(registry, path, newTag, null);
    }

    @Override
    public String toString() {
        return repository() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
