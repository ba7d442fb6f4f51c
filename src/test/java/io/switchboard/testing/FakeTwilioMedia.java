package io.switchboard.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Twilio's recording media as FakeTwilio serves it: .mp3 as audio/mpeg, .wav as audio/x-wav, Range honoured. */
final class FakeTwilioMedia {

    private static final Pattern MEDIA = Pattern.compile(".*/Recordings/(RE[0-9a-fA-F]{32})\\.(mp3|wav)");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private FakeTwilioMedia() {}

    static void serve(HttpExchange exchange, FakeTwilio.Behaviour behaviour, String redirect, String range)
            throws IOException {
        Matcher media = MEDIA.matcher(exchange.getRequestURI().getRawPath());
        boolean redirected = exchange.getRequestURI().getRawQuery() != null;
        switch (behaviour) {
            case HANG_UP -> {
                exchange.close();
                return;
            }
            case RATE_LIMITED -> {
                json(exchange, 429, "{\"code\": 20429, \"message\": \"Too Many Requests\"}");
                return;
            }
            case MEDIA_REDIRECT_ELSEWHERE -> {
                redirect(exchange, redirect);
                return;
            }
            case MEDIA_REDIRECT_SAME_HOST -> {
                if (!redirected) {
                    redirect(exchange, exchange.getRequestURI().getRawPath() + "?followed=1");
                    return;
                }
            }
            default -> {}
        }
        if (behaviour == FakeTwilio.Behaviour.MEDIA_MISSING || !media.matches()) {
            json(exchange, 404, "{\"code\": 20404, \"message\": \"The requested resource was not found\"}");
            return;
        }
        byte[] audio = FakeTwilio.audio(media.group(1), media.group(2));
        exchange.getResponseHeaders().add("Content-Type", media.group(2).equals("wav") ? "audio/x-wav" : "audio/mpeg");
        exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
        Matcher asked = range == null ? null : RANGE.matcher(range);
        if (asked == null || !asked.matches()) {
            send(exchange, 200, audio);
            return;
        }
        int length = audio.length;
        int start;
        int end;
        if (asked.group(1).isEmpty()) {
            start = Math.max(0, length - Integer.parseInt(asked.group(2)));
            end = length - 1;
        } else {
            start = Integer.parseInt(asked.group(1));
            end = asked.group(2).isEmpty() ? length - 1 : Math.min(length - 1, Integer.parseInt(asked.group(2)));
        }
        if (start >= length || start > end) {
            exchange.getResponseHeaders().add("Content-Range", "bytes */" + length);
            json(exchange, 416, "{\"code\": 20416, \"message\": \"Range not satisfiable\"}");
            return;
        }
        exchange.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + end + "/" + length);
        send(exchange, 206, Arrays.copyOfRange(audio, start, end + 1));
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException clientGaveUp) {
            // The service stopped reading; nothing to answer.
        }
    }
}
