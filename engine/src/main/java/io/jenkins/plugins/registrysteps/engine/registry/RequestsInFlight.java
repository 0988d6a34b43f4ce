package io.jenkins.plugins.registrysteps.engine.registry;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * The requests each thread has open, until their answers are closed. A thread blocked in a socket read or write does
 * not notice an interrupt, so whoever cancels a copy aborts the requests of its threads instead: their connections
 * close and the blocked calls fail at once. {@link #cancelAll()} aborts every thread's and refuses new ones.
 */
final class RequestsInFlight {

    private final CloseableHttpClient http;
    private final Map<Thread, Set<HttpUriRequestBase>> open = new ConcurrentHashMap<>();
    private volatile boolean cancelled;

    RequestsInFlight(CloseableHttpClient http) {
        this.http = http;
    }

    HttpReply execute(URI uri, HttpUriRequestBase request) throws IOException {
        Thread thread = Thread.currentThread();
        Set<HttpUriRequestBase> mine = open.computeIfAbsent(thread, t -> ConcurrentHashMap.newKeySet());
        mine.add(request);
        // checked after the request is known: a cancelAll() that began earlier has set the flag, a later one aborts it
        if (cancelled) {
            forget(thread, request);
            throw new InterruptedIOException(request.getMethod() + " " + uri + ": the work was cancelled");
        }
        try {
            return new HttpReply(uri, http.execute(request), () -> forget(thread, request));
        } catch (IOException | RuntimeException e) {
            forget(thread, request);
            throw e;
        }
    }

    /** Aborts every request the thread has open, answer bodies being read included. */
    void abort(Thread thread) {
        Set<HttpUriRequestBase> requests = open.remove(thread);
        if (requests != null) {
            requests.forEach(HttpUriRequestBase::cancel);
        }
    }

    /** Aborts every open request of every thread, and every request made from now on. */
    void cancelAll() {
        cancelled = true;
        List.copyOf(open.keySet()).forEach(this::abort);
    }

    boolean cancelled() {
        return cancelled;
    }

    private void forget(Thread thread, HttpUriRequestBase request) {
        open.computeIfPresent(thread, (t, requests) -> {
            requests.remove(request);
            return requests.isEmpty() ? null : requests;
        });
    }
}
