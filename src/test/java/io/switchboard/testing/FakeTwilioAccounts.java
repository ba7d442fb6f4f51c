package io.switchboard.testing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * What the fake Twilio knows of each account (its calls, recordings and messages) and its list
 * endpoints over them, answered in Twilio's own v2010 JSON: snake_case fields, RFC 2822 dates,
 * numbers as strings where Twilio sends strings, newest first, paged with {@code next_page_uri}
 * (carrying the filters and a {@code PageToken}), filtered by {@code StartTime>}/{@code <}
 * (calls), {@code DateCreated>}/{@code <} (recordings), {@code DateSent>}/{@code <} (messages),
 * both bounds inclusive as Twilio's are.
 */
public final class FakeTwilioAccounts {

    /** A call as Twilio's Calls resource has it. */
    public record Call(
            String sid,
            String from,
            String to,
            String direction,
            String status,
            Integer duration,
            Instant startTime,
            Instant endTime) {}

    public record Recording(String sid, String callSid, String status, Integer duration, Instant dateCreated) {}

    public record Message(
            String sid, String from, String to, String body, String direction, String status, Instant dateSent) {}

    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FILTER =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final Map<String, List<Call>> CALLS = new ConcurrentHashMap<>();
    private static final Map<String, List<Recording>> RECORDINGS = new ConcurrentHashMap<>();
    private static final Map<String, List<Message>> MESSAGES = new ConcurrentHashMap<>();

    private FakeTwilioAccounts() {}

    /** Twilio's record of a call: a later one with the same SID replaces it (its status moved on). */
    public static void call(String accountSid, Call call) {
        replace(CALLS, accountSid, call, Call::sid);
    }

    public static void recording(String accountSid, Recording recording) {
        replace(RECORDINGS, accountSid, recording, Recording::sid);
    }

    public static void message(String accountSid, Message message) {
        replace(MESSAGES, accountSid, message, Message::sid);
    }

    /** The JSON page for a list request, or null when the path is no list endpoint. */
    static String list(String accountSid, String path, Map<String, String> query) {
        if (path.endsWith("/Calls.json")) {
            return page(
                    path,
                    query,
                    "calls",
                    CALLS,
                    accountSid,
                    "StartTime",
                    Call::startTime,
                    call -> callJson(accountSid, call));
        }
        if (path.endsWith("/Recordings.json")) {
            return page(
                    path,
                    query,
                    "recordings",
                    RECORDINGS,
                    accountSid,
                    "DateCreated",
                    Recording::dateCreated,
                    recording -> recordingJson(accountSid, recording));
        }
        if (path.endsWith("/Messages.json")) {
            return page(
                    path,
                    query,
                    "messages",
                    MESSAGES,
                    accountSid,
                    "DateSent",
                    Message::dateSent,
                    message -> messageJson(accountSid, message));
        }
        return null;
    }

    private static <T> String page(
            String path,
            Map<String, String> query,
            String key,
            Map<String, List<T>> store,
            String accountSid,
            String filter,
            Function<T, Instant> time,
            Function<T, String> json) {
        Instant after = bound(query.get(filter + ">"));
        Instant before = bound(query.get(filter + "<"));
        List<T> matching = new ArrayList<>();
        for (T record : store.getOrDefault(accountSid, List.of())) {
            Instant at = time.apply(record);
            if (at != null && (after == null || !at.isBefore(after)) && (before == null || !at.isAfter(before))) {
                matching.add(record);
            }
        }
        matching.sort(Comparator.comparing(time).reversed());
        int pageSize = Integer.parseInt(query.getOrDefault("PageSize", "50"));
        int page = Integer.parseInt(query.getOrDefault("Page", "0"));
        int start = page * pageSize;
        int end = Math.min(matching.size(), start + pageSize);
        StringJoiner records = new StringJoiner(", ", "[", "]");
        for (int i = start; i < end; i++) {
            records.add(json.apply(matching.get(i)));
        }
        StringBuilder filters = new StringBuilder();
        query.forEach((name, value) -> {
            if (!name.equals("Page") && !name.equals("PageToken") && !name.equals("PageSize")) {
                filters.append('&').append(encode(name)).append('=').append(encode(value));
            }
        });
        String base = path + "?PageSize=" + pageSize + filters;
        String next = end < matching.size() ? quote(base + "&Page=" + (page + 1) + "&PageToken=PA" + end) : "null";
        return "{\"" + key + "\": " + records + ", \"end\": " + Math.max(start, end - 1)
                + ", \"first_page_uri\": " + quote(base + "&Page=0") + ", \"next_page_uri\": " + next
                + ", \"page\": " + page + ", \"page_size\": " + pageSize + ", \"previous_page_uri\": "
                + (page == 0 ? "null" : quote(base + "&Page=" + (page - 1))) + ", \"start\": " + start
                + ", \"uri\": " + quote(base + "&Page=" + page) + "}";
    }

    private static String callJson(String accountSid, Call call) {
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Calls/" + call.sid();
        return "{\"sid\": " + quote(call.sid()) + ", \"account_sid\": " + quote(accountSid)
                + ", \"api_version\": \"2010-04-01\", \"answered_by\": null, \"caller_name\": null,"
                + " \"date_created\": " + date(call.startTime()) + ", \"date_updated\": " + date(call.endTime())
                + ", \"direction\": " + quote(call.direction()) + ", \"duration\": "
                + quote(call.duration() == null ? null : call.duration().toString())
                + ", \"end_time\": " + date(call.endTime()) + ", \"forwarded_from\": null, \"from\": "
                + quote(call.from()) + ", \"from_formatted\": " + quote(call.from()) + ", \"group_sid\": null,"
                + " \"parent_call_sid\": null, \"phone_number_sid\": null, \"price\": null, \"price_unit\": \"USD\","
                + " \"queue_time\": \"0\", \"start_time\": " + date(call.startTime()) + ", \"status\": "
                + quote(call.status()) + ", \"subresource_uris\": {\"recordings\": " + quote(uri + "/Recordings.json")
                + "}, \"to\": " + quote(call.to()) + ", \"to_formatted\": " + quote(call.to())
                + ", \"trunk_sid\": null, \"uri\": " + quote(uri + ".json") + "}";
    }

    private static String recordingJson(String accountSid, Recording recording) {
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Recordings/" + recording.sid();
        return "{\"sid\": " + quote(recording.sid()) + ", \"account_sid\": " + quote(accountSid)
                + ", \"api_version\": \"2010-04-01\", \"call_sid\": " + quote(recording.callSid())
                + ", \"channels\": 1, \"conference_sid\": null, \"date_created\": " + date(recording.dateCreated())
                + ", \"date_updated\": " + date(recording.dateCreated()) + ", \"duration\": "
                + quote(
                        recording.duration() == null
                                ? null
                                : recording.duration().toString())
                + ", \"encryption_details\": null, \"error_code\": null, \"media_url\": "
                + quote("https://api.twilio.com" + uri) + ", \"price\": null, \"price_unit\": \"USD\","
                + " \"source\": \"RecordVerb\", \"start_time\": " + date(recording.dateCreated()) + ", \"status\": "
                + quote(recording.status()) + ", \"subresource_uris\": {}, \"uri\": " + quote(uri + ".json") + "}";
    }

    private static String messageJson(String accountSid, Message message) {
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + message.sid();
        return "{\"sid\": " + quote(message.sid()) + ", \"account_sid\": " + quote(accountSid)
                + ", \"api_version\": \"2010-04-01\", \"body\": " + quote(message.body()) + ", \"date_created\": "
                + date(message.dateSent()) + ", \"date_sent\": " + date(message.dateSent()) + ", \"date_updated\": "
                + date(message.dateSent()) + ", \"direction\": " + quote(message.direction())
                + ", \"error_code\": null, \"error_message\": null, \"from\": " + quote(message.from())
                + ", \"messaging_service_sid\": null, \"num_media\": \"0\", \"num_segments\": \"1\","
                + " \"price\": null, \"price_unit\": \"USD\", \"status\": " + quote(message.status())
                + ", \"subresource_uris\": {\"media\": " + quote(uri + "/Media.json") + "}, \"to\": "
                + quote(message.to()) + ", \"uri\": " + quote(uri + ".json") + "}";
    }

    private static <T> void replace(Map<String, List<T>> store, String accountSid, T record, Function<T, String> sid) {
        List<T> records = store.computeIfAbsent(accountSid, account -> new CopyOnWriteArrayList<>());
        records.removeIf(existing -> sid.apply(existing).equals(sid.apply(record)));
        records.add(record);
    }

    private static Instant bound(String value) {
        return value == null ? null : FILTER.parse(value, Instant::from);
    }

    private static String date(Instant instant) {
        return instant == null ? "null" : quote(RFC_2822.format(instant));
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
