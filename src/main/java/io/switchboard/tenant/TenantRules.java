package io.switchboard.tenant;

import java.util.regex.Pattern;

/**
 * Formats of tenant fields, shared by the requests' validation and the directory's lookups, and
 * kept in step with the schema's CHECKs (SchemaRulesTest compares them).
 */
public final class TenantRules {

    public static final String ACCOUNT_SID = "^AC[0-9a-fA-F]{32}$";
    public static final Pattern ACCOUNT_SID_FORMAT = Pattern.compile(ACCOUNT_SID);
    public static final String API_KEY_SID = "^SK[0-9a-fA-F]{32}$";
    public static final String DOMAIN = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$";
    public static final Pattern DOMAIN_FORMAT = Pattern.compile(DOMAIN);

    private TenantRules() {}
}
