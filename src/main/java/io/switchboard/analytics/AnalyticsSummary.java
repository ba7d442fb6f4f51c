package io.switchboard.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Calls created in [since, until). {@code conversionRate} = won / (won + lost), {@code noShowRate} =
 * no-shows / calls with a meeting status; each is null when its denominator is zero.
 */
public record AnalyticsSummary(
        Instant since,
        Instant until,
        long totalCalls,
        Map<String, Long> byOutcome,
        Double conversionRate,
        Double noShowRate,
        List<ReasonCount> byLossReason,
        List<RepSummary> byRep) {

    public record ReasonCount(UUID lossReasonId, String name, long calls) {}

    public record RepSummary(UUID userId, String name, long calls, long won, long lost, Double conversionRate) {}
}
