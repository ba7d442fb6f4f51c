package io.switchboard.tenant;

/** Formats of tenant fields, shared by the requests' validation and kept in step with the schema's CHECKs. */
public final class TenantRules {

    public static final String ACCOUNT_SID = "^AC[0-9a-fA-F]{32}$";
    public static final String API_KEY_SID = "^SK[0-9a-fA-F]{32}$";
    public static final String E164 = "^\\+[1-9][0-9]{6,14}$";
    public static final String DOMAIN = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$";

    private TenantRules() {
    }
}
