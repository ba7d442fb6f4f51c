package io.switchboard.api;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * How the document describes Idempotency-Key on every POST of the tenant API but /v1/auth (the IETF
 * draft "The Idempotency-Key HTTP Header Field"): the header, Idempotent-Replayed on success, 409
 * and 422. The code honours it on the same operations (idempotency.Idempotent, held to this rule by
 * IdempotencyCoverageTest).
 */
final class IdempotentOperations {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private static final String CONFLICT = "Conflicts with stored data; or a request with this Idempotency-Key"
            + " is still running, or (a call or SMS) Twilio has not yet reported its outcome: retry with the same"
            + " key after Retry-After seconds";

    private IdempotentOperations() {}

    static void document(Operation operation, APIResponses responses) {
        operation.addParameter(OASFactory.createParameter()
                .name(IDEMPOTENCY_KEY)
                .in(Parameter.In.HEADER)
                .required(false)
                .description("Any string up to 255 characters, unique per request (a UUID serves). A retry with"
                        + " the same key and body within 24 hours returns the first response again, with"
                        + " Idempotent-Replayed: true, and does nothing again; the same key with another body is"
                        + " a 422; while the first request with the key is still running, a 409.")
                .schema(OASFactory.createSchema()
                        .addType(Schema.SchemaType.STRING)
                        .minLength(1)
                        .maxLength(255)));
        responses.getAPIResponses().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("2"))
                .forEach(entry -> entry.getValue()
                        .addHeader(
                                REPLAYED,
                                OASFactory.createHeader()
                                        .description("true when this is the stored answer to an earlier request"
                                                + " with the same Idempotency-Key; nothing was done again")
                                        .schema(OASFactory.createSchema()
                                                .addType(Schema.SchemaType.STRING)
                                                .enumeration(List.of("true")))));
        if (!responses.hasAPIResponse("409")) {
            responses.addAPIResponse(
                    "409",
                    OASFactory.createAPIResponse().description(CONFLICT).content(OpenApiContract.problemContent()));
        }
        OpenApiContract.error(responses, "422");
    }
}
