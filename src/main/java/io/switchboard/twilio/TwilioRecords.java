package io.switchboard.twilio;

import com.twilio.base.Page;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallReader;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.rest.api.v2010.account.Recording;
import com.twilio.rest.api.v2010.account.RecordingReader;
import io.switchboard.tenant.TwilioCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a tenant's calls, recordings and messages back from Twilio's REST API, one page per call,
 * for reconciliation. Results are Switchboard's own records, values as Twilio's wire strings. A page
 * is asked for by a time window or by the next-page URL of the previous page; the caller decides how
 * many pages a run may take. A 429 is reported with its Retry-After for the caller to wait on; any
 * other failure as a {@link TwilioReadFailure} saying what went wrong, never what the page held.
 */
@ApplicationScoped
public class TwilioRecords {

    public record CallRecord(
            String sid,
            String from,
            String to,
            String direction,
            String status,
            Integer duration,
            Instant startTime,
            Instant endTime) {}

    public record RecordingRecord(
            String sid,
            String callSid,
            String status,
            Integer duration,
            Integer channels,
            String source,
            String mediaUrl,
            Instant dateCreated) {}

    public record MessageRecord(
            String sid,
            String from,
            String to,
            String body,
            String direction,
            String status,
            Integer numSegments,
            Integer numMedia,
            Integer errorCode,
            String errorMessage,
            Instant dateSent) {}

    /** One page, and where the next one is (null on the last). */
    public record Batch<T>(List<T> records, String nextPageUrl) {}

    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final TwilioClients clients;

    TwilioRecords(TwilioClients clients) {
        this.clients = clients;
    }

    /** Calls that started in [from, to), or the page at {@code pageUrl}. */
    public Batch<CallRecord> calls(
            TwilioCredentials credentials, Instant from, Instant to, String pageUrl, int pageSize) {
        CallReader reader = Call.reader()
                .setStartTimeAfter(utc(from))
                .setStartTimeBefore(utc(to))
                .setPageSize((long) pageSize);
        return read(
                credentials,
                client -> pageUrl == null ? reader.firstPage(client) : reader.getPage(pageUrl, client),
                call -> new CallRecord(
                        call.getSid(),
                        call.getFrom(),
                        call.getTo(),
                        call.getDirection(),
                        text(call.getStatus()),
                        number(call.getDuration()),
                        instant(call.getStartTime()),
                        instant(call.getEndTime())));
    }

    /** Recordings created in [from, to), or the page at {@code pageUrl}. */
    public Batch<RecordingRecord> recordings(
            TwilioCredentials credentials, Instant from, Instant to, String pageUrl, int pageSize) {
        RecordingReader reader = Recording.reader()
                .setDateCreatedAfter(utc(from))
                .setDateCreatedBefore(utc(to))
                .setPageSize((long) pageSize);
        return read(
                credentials,
                client -> pageUrl == null ? reader.firstPage(client) : reader.getPage(pageUrl, client),
                recording -> new RecordingRecord(
                        recording.getSid(),
                        recording.getCallSid(),
                        text(recording.getStatus()),
                        number(recording.getDuration()),
                        recording.getChannels(),
                        text(recording.getSource()),
                        mediaUrl(recording),
                        instant(recording.getDateCreated())));
    }

    /** Messages sent in [from, to), or the page at {@code pageUrl}. */
    public Batch<MessageRecord> messages(
            TwilioCredentials credentials, Instant from, Instant to, String pageUrl, int pageSize) {
        MessageReader reader = Message.reader()
                .setDateSentAfter(utc(from))
                .setDateSentBefore(utc(to))
                .setPageSize((long) pageSize);
        return read(
                credentials,
                client -> pageUrl == null ? reader.firstPage(client) : reader.getPage(pageUrl, client),
                message -> new MessageRecord(
                        message.getSid(),
                        message.getFrom() == null ? null : message.getFrom().toString(),
                        message.getTo(),
                        message.getBody(),
                        text(message.getDirection()),
                        text(message.getStatus()),
                        number(message.getNumSegments()),
                        number(message.getNumMedia()),
                        message.getErrorCode(),
                        message.getErrorMessage(),
                        instant(message.getDateSent())));
    }

    private <R, T> Batch<T> read(
            TwilioCredentials credentials, Function<TwilioRestClient, Page<R>> request, Function<R, T> map) {
        TwilioRestClient client = clients.of(credentials);
        TwilioHttpClient.clearLastAnswer();
        try {
            Page<R> page = request.apply(client);
            return new Batch<>(
                    page.getRecords().stream().map(map).toList(),
                    page.hasNextPage() ? page.getNextPageUrl("api") : null);
        } catch (ApiException | ApiConnectionException e) {
            TwilioHttpClient.RawAnswer answer = TwilioHttpClient.lastAnswer().orElse(null);
            if (answer != null && answer.status() == 429) {
                throw new TwilioRateLimited(retryAfter(answer.retryAfter()));
            }
            if (answer != null && answer.accepted()) {
                // twilio-java puts the whole page into this message; it never reaches a log or a client.
                throw new TwilioReadFailure(null, "Twilio answered with a page that could not be read");
            }
            throw TwilioReadFailure.of(TwilioGateway.failure(e), e);
        } finally {
            TwilioHttpClient.clearLastAnswer();
        }
    }

    /** Where the audio is, as the recording-status webhook's RecordingUrl gives it (no extension). */
    private static String mediaUrl(Recording recording) {
        if (recording.getMediaUrl() != null) {
            return recording.getMediaUrl().toString();
        }
        String uri = recording.getUri();
        return uri == null ? null : TwilioConfig.TWILIO_API + uri.replaceFirst("\\.json$", "");
    }

    private static Duration retryAfter(String header) {
        try {
            return header == null
                    ? DEFAULT_RETRY_AFTER
                    : Duration.ofSeconds(Math.max(1, Long.parseLong(header.trim())));
        } catch (NumberFormatException httpDate) {
            return DEFAULT_RETRY_AFTER;
        }
    }

    private static ZonedDateTime utc(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }

    private static Instant instant(ZonedDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static String text(Object twilioEnum) {
        return twilioEnum == null ? null : twilioEnum.toString();
    }

    private static Integer number(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
