package io.switchboard.webhook;

import io.switchboard.call.TwilioCallUpdate;
import io.switchboard.twilio.Callbacks;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Twilio's webhooks: one method per event. Each verifies the request first ({@link WebhookGate}:
 * tenant, AccountSid, signature), then records the event idempotently and answers.
 */
@Path("/webhooks/twilio")
@PermitAll
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Tag(name = "Twilio webhooks")
@SecurityRequirements
public class TwilioWebhookResource {

    private static final String CLAIM_DOC = "Set by Switchboard on the status callback of a call or message"
            + " sent with an Idempotency-Key: links what Twilio created to that request.";

    private static final String SIGNATURE_DOC = "Twilio's HMAC-SHA1 signature of the URL and parameters, made with"
            + " the tenant's auth token; a missing or wrong one is a 403 and nothing is written.";

    private final WebhookGate gate;
    private final WebhookService events;

    TwilioWebhookResource(WebhookGate gate, WebhookService events) {
        this.gate = gate;
        this.events = events;
    }

    @POST
    @Path("/voice")
    @Produces(Twiml.MEDIA_TYPE)
    @Operation(
            operationId = "twilioVoice",
            summary = "Incoming call: stores the call, answers with greeting, forwarding or voicemail TwiML")
    @Parameter(
            name = "X-Twilio-Signature",
            in = ParameterIn.HEADER,
            required = true,
            description = SIGNATURE_DOC,
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(
            responseCode = "200",
            description = "TwiML",
            content = @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING)))
    public Response voice(
            @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                            schema = @Schema(ref = "TwilioWebhookForm")))
                    byte[] body,
            @Context HttpServerRequest http) {
        WebhookGate.Verified hook = gate.verify(http, body);
        TwilioCallUpdate call = WebhookParameters.call(hook.form());
        String twiml =
                WebhookParameters.endsVoicemail(hook.form()) ? events.voicemailEnded(call) : events.incomingCall(call);
        return Response.ok(twiml, Twiml.MEDIA_TYPE).build();
    }

    @POST
    @Path("/call-status")
    @Operation(
            operationId = "twilioCallStatus",
            summary = "Call status callback: status (never backwards), duration and times")
    @Parameter(
            name = "X-Twilio-Signature",
            in = ParameterIn.HEADER,
            required = true,
            description = SIGNATURE_DOC,
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "204", description = "Recorded")
    public Response callStatus(
            @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                            schema = @Schema(ref = "TwilioWebhookForm")))
                    byte[] body,
            @Parameter(description = CLAIM_DOC) @QueryParam(Callbacks.CLAIM) String claim,
            @Context HttpServerRequest http) {
        WebhookGate.Verified hook = gate.verify(http, body);
        events.callStatus(WebhookParameters.call(hook.form()), WebhookParameters.claim(claim));
        return Response.noContent().build();
    }

    @POST
    @Path("/recording-status")
    @Operation(
            operationId = "twilioRecordingStatus",
            summary = "Recording status callback: stores the recording once, linked to its call")
    @Parameter(
            name = "X-Twilio-Signature",
            in = ParameterIn.HEADER,
            required = true,
            description = SIGNATURE_DOC,
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "204", description = "Recorded")
    public Response recordingStatus(
            @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                            schema = @Schema(ref = "TwilioWebhookForm")))
                    byte[] body,
            @Context HttpServerRequest http) {
        WebhookGate.Verified hook = gate.verify(http, body);
        events.recordingStatus(WebhookParameters.recording(hook.form()));
        return Response.noContent().build();
    }

    @POST
    @Path("/sms")
    @Produces(Twiml.MEDIA_TYPE)
    @Operation(
            operationId = "twilioSms",
            summary = "Inbound SMS: stores the message once, answers an empty <Response/>")
    @Parameter(
            name = "X-Twilio-Signature",
            in = ParameterIn.HEADER,
            required = true,
            description = SIGNATURE_DOC,
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(
            responseCode = "200",
            description = "An empty TwiML answer",
            content = @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING)))
    public Response sms(
            @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                            schema = @Schema(ref = "TwilioWebhookForm")))
                    byte[] body,
            @Context HttpServerRequest http) {
        WebhookGate.Verified hook = gate.verify(http, body);
        events.inboundMessage(WebhookParameters.inboundMessage(hook.form()));
        return Response.ok(Twiml.emptyMessagingResponse(), Twiml.MEDIA_TYPE).build();
    }

    @POST
    @Path("/message-status")
    @Operation(operationId = "twilioMessageStatus", summary = "Message status callback: status only moves forward")
    @Parameter(
            name = "X-Twilio-Signature",
            in = ParameterIn.HEADER,
            required = true,
            description = SIGNATURE_DOC,
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "204", description = "Recorded")
    public Response messageStatus(
            @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                            schema = @Schema(ref = "TwilioWebhookForm")))
                    byte[] body,
            @Parameter(description = CLAIM_DOC) @QueryParam(Callbacks.CLAIM) String claim,
            @Context HttpServerRequest http) {
        WebhookGate.Verified hook = gate.verify(http, body);
        events.messageStatus(WebhookParameters.messageStatus(hook.form()), WebhookParameters.claim(claim));
        return Response.noContent().build();
    }
}
