package io.switchboard.common;

import java.util.Map;
import java.util.Optional;

/**
 * What a database constraint violation means to a client: the field it concerns and why. The
 * database is the final judge of uniqueness (two requests racing cannot both win); this turns its
 * verdict into a 409 the client can act on.
 */
final class ConstraintMessages {

    private static final Map<String, Problem.FieldError> CONFLICTS = Map.of(
            "tenants_twilio_account_sid_key",
                    new Problem.FieldError("twilio.accountSid", "belongs to another tenant already"),
            "tenants_custom_domain_key", new Problem.FieldError("customDomain", "is used by another tenant already"),
            "users_tenant_id_email_key", new Problem.FieldError("email", "is already a user of this tenant"),
            "loss_reasons_name", new Problem.FieldError("name", "is already a loss reason of this tenant"));

    private ConstraintMessages() {}

    static Optional<Problem.FieldError> conflict(String constraintName) {
        return Optional.ofNullable(constraintName).map(CONFLICTS::get);
    }
}
