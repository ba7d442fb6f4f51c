package io.switchboard.reconciliation;

import io.switchboard.call.CallUpdates;
import io.switchboard.common.Upsert;
import io.switchboard.message.MessageUpdates;
import io.switchboard.recording.RecordingUpdates;
import io.switchboard.twilio.TwilioRecords.Batch;
import io.switchboard.twilio.TwilioRecords.CallRecord;
import io.switchboard.twilio.TwilioRecords.MessageRecord;
import io.switchboard.twilio.TwilioRecords.RecordingRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Writes one page of Twilio's records through the same upserts the webhooks use (a row per SID,
 * missing fields filled in, a status never moved backwards, nothing written when nothing is new),
 * inside the caller's transaction, so rows and triggers' audit entries carry the reconciler as
 * actor.
 */
@ApplicationScoped
class PageWriter {

    private static final Logger LOG = Logger.getLogger(PageWriter.class);

    /** What a page wrote, and the earliest start of a record on it still open (since holdFrom). */
    record Written(SyncLedger.Counts counts, Instant earliestOpen) {}

    private final CallUpdates calls;
    private final RecordingUpdates recordings;
    private final MessageUpdates messages;

    PageWriter(CallUpdates calls, RecordingUpdates recordings, MessageUpdates messages) {
        this.calls = calls;
        this.recordings = recordings;
        this.messages = messages;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Written write(UUID tenantId, Batch<?> batch, Instant holdFrom) {
        int created = 0;
        int updated = 0;
        Instant earliestOpen = null;
        for (Object record : batch.records()) {
            Upsert upsert = null;
            Instant openSince = null;
            if (record instanceof CallRecord call) {
                upsert = TwilioRecordMapping.call(call)
                        .map(update -> calls.apply(tenantId, update))
                        .orElse(null);
                openSince = TwilioRecordMapping.isOpen(call) ? call.startTime() : null;
            } else if (record instanceof RecordingRecord recording) {
                upsert = TwilioRecordMapping.recording(recording)
                        .map(update -> recordings.apply(tenantId, update))
                        .orElse(null);
                openSince = TwilioRecordMapping.isOpen(recording) ? recording.dateCreated() : null;
            } else if (record instanceof MessageRecord message) {
                upsert = TwilioRecordMapping.message(message)
                        .map(update -> messages.reconcile(tenantId, update, TwilioRecordMapping.direction(message)))
                        .orElse(null);
                openSince = TwilioRecordMapping.isOpen(message) ? message.dateSent() : null;
            }
            if (upsert == null) {
                LOG.warnf("Skipped a record Twilio listed for tenant %s: its SID is malformed", tenantId);
                continue;
            }
            switch (upsert.kind()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> {}
            }
            if (openSince != null && !openSince.isBefore(holdFrom)) {
                earliestOpen = TwilioRecordMapping.earliest(earliestOpen, openSince);
            }
        }
        return new Written(new SyncLedger.Counts(created, updated), earliestOpen);
    }
}
