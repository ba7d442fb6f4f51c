package io.switchboard.idempotency;

/**
 * A failure of a request to a remote service (Twilio) that says whether the remote side may have
 * acted. Only one that certainly did not act gives an Idempotency-Key back for another try; any
 * other failure after {@link IdempotentRequest#remoteStarts()} leaves the outcome to be settled.
 */
public interface RemoteFailure {

    boolean mayHaveActed();
}
