package io.switchboard.event;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to creating an endpoint or rotating its secret: the secret is shown this once. */
@Schema(name = "WebhookEndpointWithSecret")
public record EndpointWithSecret(
        @JsonUnwrapped EndpointView endpoint,
        @Schema(
                        example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        description = "the Standard Webhooks signing secret: give it to your verification"
                                + " library as it is")
                String secret) {}
