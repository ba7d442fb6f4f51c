package io.switchboard.reconciliation;

/** What a pass reads, in this order; each name is also its value in {@code tenant_sync.pass_resource}. */
enum Resource {
    CALLS("calls"),
    RECORDINGS("recordings"),
    MESSAGES("messages");

    private final String wire;

    Resource(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    /** The resource read after this one; null after the last. */
    Resource next() {
        return this == MESSAGES ? null : values()[ordinal() + 1];
    }

    static Resource of(String wire) {
        for (Resource resource : values()) {
            if (resource.wire.equals(wire)) {
                return resource;
            }
        }
        throw new IllegalStateException("Unknown pass resource " + wire);
    }
}
