package io.switchboard.auth;

/** The roles endpoints name in {@code @RolesAllowed}. */
public final class Roles {

    /** Switchboard's operators, on /admin only. */
    public static final String OPERATOR = "operator";
    /** A tenant app's API key: full access to its tenant. */
    public static final String APP = "app";

    public static final String CEO = "ceo";
    public static final String ADMIN = "admin";
    public static final String SALES = "sales";

    private Roles() {}
}
