package io.switchboard.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * The conventions every operation follows, written once instead of on each of fifty methods:
 * which credential it takes, and which errors it can answer, each as {@code application/problem+json}
 * (RFC 9457). Success responses, bodies, examples and operation ids are on the resources themselves.
 * Applied when the document is built (mp.openapi.filter); the test suite validates every request
 * and response it makes against the result, so the document cannot drift from the behaviour.
 */
public class OpenApiContract implements OASFilter {

    static final String PROBLEM = "application/problem+json";
    private static final String COMPONENTS = "#/components/schemas/";
    private static final String PROBLEM_SCHEMA = COMPONENTS + "Problem";

    /** Operations that answer 429 (throttled logins, the paid-action cap) and 503 (busy hashing). */
    private static final Set<String> THROTTLED =
            Set.of("/v1/auth/login", "/v1/auth/password", "/v1/calls/dial", "/v1/messages");
    /** Operations that call Twilio and may answer 502 or 504. */
    private static final Set<String> THROUGH_TWILIO = Set.of("/v1/calls/dial", "/v1/messages");

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("400", "A field or parameter is invalid; errors names each"),
            Map.entry("401", "No valid credential"),
            Map.entry("403", "The credential may not do this (or the tenant is inactive)"),
            Map.entry("404", "Not found, or another tenant's"),
            Map.entry("408", "The body did not arrive within the read timeout; the connection is closed"),
            Map.entry("409", "Conflicts with stored data"),
            Map.entry("413", "The body is too large"),
            Map.entry("414", "The URL is too long"),
            Map.entry("415", "The body is not of a supported media type"),
            Map.entry("422", "This Idempotency-Key was used with another request (method, path or body)"),
            Map.entry("429", "Too many attempts; retry after Retry-After seconds"),
            Map.entry("502", "Twilio refused or could not be reached (twilioCode when Twilio gave one)"),
            Map.entry(
                    "503",
                    "The database (or password hashing) is briefly unavailable; nothing was changed;"
                            + " retry after Retry-After seconds"),
            Map.entry("504", "Twilio did not answer in time; it may have acted"));

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.getComponents()
                .addSchema(
                        "FieldError",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.OBJECT)
                                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                                .addProperty(
                                        "message", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                                .required(List.of("field", "message")));
        api.getComponents()
                .addSchema(
                        "Problem",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.OBJECT)
                                .description("RFC 9457 problem details")
                                .addProperty(
                                        "type",
                                        OASFactory.createSchema()
                                                .addType(Schema.SchemaType.STRING)
                                                .example("about:blank"))
                                .addProperty(
                                        "title",
                                        OASFactory.createSchema()
                                                .addType(Schema.SchemaType.STRING)
                                                .example("Bad Request"))
                                .addProperty(
                                        "status",
                                        OASFactory.createSchema()
                                                .addType(Schema.SchemaType.INTEGER)
                                                .example(400))
                                .addProperty(
                                        "detail",
                                        OASFactory.createSchema()
                                                .addType(Schema.SchemaType.STRING)
                                                .example("The request has invalid fields"))
                                .addProperty(
                                        "instance",
                                        OASFactory.createSchema()
                                                .addType(Schema.SchemaType.STRING)
                                                .example("/v1/calls"))
                                .addProperty(
                                        "errors",
                                        OASFactory.createSchema()
                                                .addType(Schema.SchemaType.ARRAY)
                                                .items(OASFactory.createSchema()
                                                        .ref("#/components/schemas/FieldError")))
                                .addProperty(
                                        "twilioCode",
                                        OASFactory.createSchema()
                                                .addType(Schema.SchemaType.INTEGER)
                                                .example(21211))
                                .required(List.of("type", "title", "status")));
        Schema form = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("Twilio's webhook parameters (CallSid, AccountSid, From, To, CallStatus, ...), each a"
                        + " string, exactly as Twilio posts them; see Twilio's webhook reference");
        // Any parameter Twilio sends is accepted (and signed); validators that infer numbers from a
        // form's strings are thereby not misled into refusing "+14155550100".
        form.setAdditionalPropertiesBoolean(true);
        api.getComponents().addSchema("TwilioWebhookForm", form);
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> describe(path, method, item, operation)));
        OpenApiSchemas.optionalMeansNullable(api);
        OpenApiSchemas.dropUnreferenced(api);
    }

    private static void describe(String path, PathItem.HttpMethod method, PathItem item, Operation operation) {
        boolean webhook = path.startsWith("/webhooks/");
        boolean open = webhook || path.equals("/v1/auth/login");
        boolean admin = path.startsWith("/admin/");
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasPathParameter = path.contains("{");
        boolean hasParameters = hasBody || hasPathParameter || hasQuery(operation) || hasQuery(item);
        boolean write = method != PathItem.HttpMethod.GET;

        operation.setSecurity(
                open
                        ? List.of()
                        : admin
                                ? List.of(requirement("operatorToken"))
                                : List.of(requirement("apiKey"), requirement("dashboardJwt")));
        APIResponses responses = operation.getResponses();
        if (method == PathItem.HttpMethod.POST && !open && path.startsWith("/v1/") && !path.startsWith("/v1/auth/")) {
            IdempotentOperations.document(operation, responses);
        }
        if (hasParameters) {
            error(responses, "400");
        }
        if (!webhook) {
            error(responses, "401");
        }
        // Forbidden by role, a bad webhook signature, or an inactive tenant at login.
        error(responses, "403");
        if (hasPathParameter) {
            error(responses, "404");
        }
        if (write && !webhook && !open) {
            error(responses, "409");
        }
        if (hasBody) {
            error(responses, "413");
            error(responses, "415");
        }
        if (webhook) {
            // Webhook bodies are read whole before the resource runs (webhook.WebhookBodyReader).
            error(responses, "408");
        }
        error(responses, "414");
        if (THROTTLED.contains(path) && method == PathItem.HttpMethod.POST) {
            error(responses, "429");
        }
        if (THROUGH_TWILIO.contains(path) && method == PathItem.HttpMethod.POST) {
            error(responses, "502");
            error(responses, "504");
        }
        error(responses, "503");
        // Error statuses an operation documents itself get the problem body too.
        responses.getAPIResponses().keySet().stream()
                .filter(status -> status.startsWith("4") || status.startsWith("5"))
                .toList()
                .forEach(status -> error(responses, status));
    }

    private static boolean hasQuery(Operation operation) {
        return operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
    }

    private static boolean hasQuery(PathItem item) {
        return item.getParameters() != null
                && item.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
    }

    private static SecurityRequirement requirement(String scheme) {
        return OASFactory.createSecurityRequirement().addScheme(scheme, List.of());
    }

    /** Adds a problem response unless the operation documents that status itself. */
    static void error(APIResponses responses, String status) {
        if (responses.hasAPIResponse(status)) {
            var existing = responses.getAPIResponse(status);
            if (existing.getContent() == null
                    || existing.getContent().getMediaTypes().isEmpty()) {
                existing.content(problemContent());
            }
            return;
        }
        responses.addAPIResponse(
                status,
                OASFactory.createAPIResponse().description(REASONS.get(status)).content(problemContent()));
    }

    static Content problemContent() {
        return OASFactory.createContent()
                .addMediaType(
                        PROBLEM,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)));
    }
}
