package io.switchboard.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * This process's name on the claims it holds in the database (reconciliation leases, delivery
 * claims): the pod's name under Kubernetes (HOSTNAME), else the machine's, and a random part, so
 * two processes on one host, or a restarted one, never pass for each other.
 */
public final class InstanceName {

    private static final String NAME = host() + "/" + UUID.randomUUID();

    private InstanceName() {}

    public static String get() {
        return NAME;
    }

    private static String host() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.length() > 100 ? fromEnvironment.substring(0, 100) : fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
