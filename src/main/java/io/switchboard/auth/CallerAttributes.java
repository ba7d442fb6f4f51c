package io.switchboard.auth;

/** Names of the SecurityIdentity attributes that carry a caller's tenant, whatever the credential. */
public final class CallerAttributes {

    public static final String TENANT_ID = "switchboard.tenant_id";
    public static final String TENANT_ACTIVE = "switchboard.tenant_active";
    public static final String API_KEY_ID = "switchboard.api_key_id";
    /** JWT claims: the tenant and the login session a token belongs to. */
    public static final String TENANT_CLAIM = "tenant_id";
    public static final String SESSION_CLAIM = "sid";

    private CallerAttributes() {
    }
}
