package io.jenkins.plugins.registrysteps.engine.registry;

import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import java.util.List;

/** The requests a rig registry logged after a mark: how tests count what a client sent. */
final class AccessLog {

    private final RigRegistry registry;
    private final int mark;

    private AccessLog(RigRegistry registry) {
        this.registry = registry;
        this.mark = registry.accessLog().size();
    }

    static AccessLog from(RigRegistry registry) {
        return new AccessLog(registry);
    }

    /** Request lines ({@code "GET /v2/... HTTP/1.1" 200}) since the mark, waiting briefly for the last to be written. */
    List<String> requestsSince(int expectedAtLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        List<String> lines = registry.accessLog();
        while (lines.size() - mark < expectedAtLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
            lines = registry.accessLog();
        }
        Thread.sleep(100);
        lines = registry.accessLog();
        return lines.subList(mark, lines.size()).stream()
                .map(line -> line.substring(line.indexOf('"') + 1, line.indexOf('"', line.indexOf('"') + 1) + 5).trim())
                .toList();
    }
}
