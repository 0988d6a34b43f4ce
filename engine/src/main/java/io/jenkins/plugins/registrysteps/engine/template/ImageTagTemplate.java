package io.jenkins.plugins.registrysteps.engine.template;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** A Codeship Pro {@code image_tag}: a Go text/template rendered against the build's {@link TemplateData}. */
public final class ImageTagTemplate {
    static final int MAX_SOURCE_BYTES = 4096;

    private final String source;
    private final List<Node> nodes;

    private ImageTagTemplate(String source, List<Node> nodes) {
        this.source = source;
        this.nodes = nodes;
    }

    /** Rejects syntax errors and unknown variables now, so a bad step fails before the build runs. */
    public static ImageTagTemplate parse(String text) throws TemplateException {
        Objects.requireNonNull(text, "text");
        int tooLong = offsetOfByte(text, MAX_SOURCE_BYTES);
        if (tooLong >= 0) {
            throw new TemplateException("image_tag template is longer than " + MAX_SOURCE_BYTES + " bytes", tooLong);
        }
        List<Node> nodes = Parser.parse(text);
        FieldCheck.check(nodes);
        return new ImageTagTemplate(text, List.copyOf(nodes));
    }

    /** The char index holding the given UTF-8 byte, or -1 when the text is shorter. */
    private static int offsetOfByte(String text, int limit) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            bytes += new String(Character.toChars(text.codePointAt(i))).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > limit) {
                return i;
            }
        }
        return -1;
    }

    /** The raw rendered text, not yet a valid tag. */
    public String render(TemplateData data) throws TemplateException {
        return Renderer.render(nodes, Objects.requireNonNull(data, "data"));
    }

    /** The rendered text reduced to a valid Docker tag, as Codeship does. */
    public String renderTag(TemplateData data) throws TemplateException {
        String tag = ImageTag.sanitize(render(data));
        if (tag.isEmpty()) {
            throw new TemplateException("image_tag renders to an empty tag", 0);
        }
        return tag;
    }

    /** True when the template has no actions at all, such as {@code latest}. */
    public boolean isLiteral() {
        return nodes.stream().allMatch(Node.Text.class::isInstance);
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
