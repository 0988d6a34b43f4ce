package io.jenkins.plugins.registrysteps.engine.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback reverse proxy in front of a registry that answers the first matching requests with a fault: a 503 with
 * {@code Retry-After: 0}, a 500, or a dropped connection. Everything else is passed through, upload locations rewritten
 * so the client stays behind the proxy.
 */
public final class FaultyProxy implements AutoCloseable {

    /** STALL takes the request and never answers, until the proxy closes. */
    public enum Fault { UNAVAILABLE, SERVER_ERROR, DROP, STALL }

    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "transfer-encoding",
            "expect", "upgrade", "keep-alive");

    private final HttpServer server;
    private final URI target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Predicate<String> matches;
    private final Fault fault;
    private final AtomicInteger faultsLeft;
    private final AtomicInteger faultsServed = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);

    /** @param matches on {@code "METHOD /path"} of each request */
    public FaultyProxy(URI target, Predicate<String> matches, Fault fault, int times) throws IOException {
        this.target = target;
        this.matches = matches;
        this.fault = fault;
        this.faultsLeft = new AtomicInteger(times);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public int faultsServed() {
        return faultsServed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            if (matches.test(request) && faultsLeft.getAndDecrement() > 0) {
                faultsServed.incrementAndGet();
                serveFault(exchange);
                return;
            }
            forward(exchange, body);
        }
    }

    private void serveFault(HttpExchange exchange) throws IOException {
        switch (fault) {
            case UNAVAILABLE -> {
                exchange.getResponseHeaders().add("Retry-After", "0");
                exchange.sendResponseHeaders(503, -1);
            }
            case SERVER_ERROR -> exchange.sendResponseHeaders(500, -1);
            case STALL -> {
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            default -> exchange.getHttpContext().getServer();
        }
        if (fault == Fault.DROP) {
            // closing without a response is what a dropped connection looks like to the client
            exchange.getResponseBody().close();
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.equals(":status")) {
                values.forEach(value -> exchange.getResponseHeaders().add(name,
                        name.equalsIgnoreCase("Location") ? value.replace(target.getAuthority(), host()) : value));
            }
        });
        boolean empty = exchange.getRequestMethod().equals("HEAD") || response.body().length == 0;
        if (exchange.getRequestMethod().equals("HEAD")) {
            response.headers().firstValue("Content-Length").ifPresent(length -> exchange.getResponseHeaders().set("Content-Length", length));
        }
        exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : response.body().length);
        if (!empty) {
            exchange.getResponseBody().write(response.body());
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
