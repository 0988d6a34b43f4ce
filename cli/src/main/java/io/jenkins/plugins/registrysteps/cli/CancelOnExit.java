package io.jenkins.plugins.registrysteps.cli;

import io.jenkins.plugins.registrysteps.engine.docker.DockerException;
import io.jenkins.plugins.registrysteps.engine.run.Runner;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or any JVM shutdown) during a run cancels it: every container and network of the run is removed, and the
 * JVM waits a little for the run to report before it exits. Closing it at the end of the run unhooks it.
 */
final class CancelOnExit implements AutoCloseable {

    private static final long REPORT_WAIT_SECONDS = 30;

    private final Thread hook;
    private final CountDownLatch reported = new CountDownLatch(1);

    CancelOnExit(Runner runner, PrintWriter err) {
        hook = new Thread(() -> {
            err.println("cancelling the run: removing its containers and networks");
            err.flush();
            try {
                runner.cancel();
                reported.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (DockerException e) {
                err.println("error: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            err.flush();
        }, "registry-steps cancel");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The run has reported: the hook may let the JVM exit, or is removed when the run ended by itself. */
    @Override
    public void close() {
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running and now returns
        }
    }
}
