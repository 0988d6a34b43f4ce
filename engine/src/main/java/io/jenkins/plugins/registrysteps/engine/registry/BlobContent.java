package io.jenkins.plugins.registrysteps.engine.registry;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A blob whose bytes are made while they are uploaded (a layer compressed on the way), so its digest and size are
 * known only at the end. Writing must give the same bytes every time: a refused attempt writes them again.
 */
@FunctionalInterface
public interface BlobContent {

    void writeTo(OutputStream out) throws IOException;
}
