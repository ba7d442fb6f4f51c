package io.switchboard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A tenant app's endpoint on this machine: keeps every request it gets (headers as the Standard
 * Webhooks library reads them, and the raw body) and answers as told, one answer per request in
 * order, then the last one again.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as the endpoint received it. */
    public record Delivery(HttpHeaders headers, String body) {
        public String id() {
            return headers.firstValue("webhook-id").orElse(null);
        }
    }

    /** An answer: a status, after a pause, optionally a redirect. */
    public record Answer(int status, Duration pause, String location) {
        public static Answer status(int status) {
            return new Answer(status, Duration.ZERO, null);
        }

        public static Answer hang(Duration pause) {
            return new Answer(200, pause, null);
        }

        public static Answer redirect(String location) {
            return new Answer(302, Duration.ZERO, location);
        }
    }

    private final HttpServer server;
    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile Answer last = Answer.status(200);

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public static WebhookReceiver start(Answer... answers) throws IOException {
        WebhookReceiver receiver = new WebhookReceiver();
        receiver.answer(answers);
        return receiver;
    }

    /** The answers to the next requests, in order; the last one stays. */
    public void answer(Answer... answers) {
        script.clear();
        script.addAll(List.of(answers));
        if (answers.length > 0) {
            last = answers[answers.length - 1];
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Delivery> received() {
        return new ArrayList<>(received);
    }

    /** Waits until at least {@code count} requests matching {@code which} arrived; they, oldest first. */
    public List<Delivery> await(int count, Predicate<Delivery> which, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Delivery> matching = received.stream().filter(which).toList();
            if (matching.size() >= count || System.nanoTime() > deadline) {
                return matching;
            }
            Thread.sleep(25);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = exchange.getRequestHeaders();
        received.add(
                new Delivery(HttpHeaders.of(headers, (name, value) -> true), new String(body, StandardCharsets.UTF_8)));
        Answer answer = script.poll();
        if (answer == null) {
            answer = last;
        }
        try {
            Thread.sleep(answer.pause().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (answer.location() != null) {
            exchange.getResponseHeaders().add("Location", answer.location());
        }
        byte[] reply = ("{\"received\":true,\"status\":" + answer.status() + "}").getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(answer.status(), reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        } catch (IOException senderGaveUp) {
            // Switchboard timed out first.
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
