package io.switchboard.call;

import io.switchboard.auth.Roles;
import io.switchboard.common.ApiException;
import io.switchboard.twilio.TwilioMedia;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /v1/recordings/{idOrSid}/media}: a recording's audio, for tenant apps that hold no Twilio credentials. */
@Path("/v1/recordings/{idOrSid}/media")
@RolesAllowed({Roles.APP, Roles.CEO, Roles.ADMIN, Roles.SALES})
@Tag(name = "Recordings")
public class RecordingMediaResource {

    private static final String MPEG = "audio/mpeg";
    private static final String WAV = "audio/wav";
    private static final String X_WAV = "audio/x-wav";

    private final RecordingMedia recordings;

    RecordingMediaResource(RecordingMedia recordings) {
        this.recordings = recordings;
    }

    @GET
    @Produces({MPEG, WAV, X_WAV})
    @Operation(
            operationId = "getRecordingMedia",
            summary = "A recording's audio, streamed from Twilio with the tenant's credentials",
            description = "audio/mpeg by default; format=wav for WAV (audio/wav, or Twilio's audio/x-wav)."
                    + " One byte range in Range is honoured (206 with Content-Range). A sales rep plays only"
                    + " their own calls' recordings; 409 until the recording is completed; 502 when Twilio fails.")
    @APIResponse(
            responseCode = "200",
            description = "The whole recording",
            content = {
                @Content(mediaType = MPEG, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = WAV, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = X_WAV, schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(
            responseCode = "206",
            description = "The requested range of the recording",
            headers =
                    @Header(
                            name = "Content-Range",
                            description = "The range sent and the recording's length, e.g. bytes 0-1023/48000",
                            schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(mediaType = MPEG, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = WAV, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = X_WAV, schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(responseCode = "409", description = "The recording is not completed (yet), so it has no audio")
    @APIResponse(
            responseCode = "416",
            description = "The range lies outside the recording; Content-Range gives its length",
            headers = @Header(name = "Content-Range", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "502", description = "Twilio refused, failed, redirected elsewhere or did not answer")
    public Response media(
            @PathParam("idOrSid") String idOrSid,
            @Parameter(
                            description = "mp3 (the default) or wav",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"mp3", "wav"}))
                    @QueryParam("format")
                    String format,
            @Parameter(description = "One byte range, e.g. bytes=0-1023; other forms get the whole recording")
                    @HeaderParam("Range")
                    String range,
            @Context RoutingContext routing) {
        TwilioMedia.Media media = recordings.open(idOrSid, format(format), range);
        // Twilio's connection goes back however the answer ends: streamed, cut off by the client, or
        // never streamed at all (a HEAD request runs this method but writes no body).
        routing.addEndHandler(ended -> media.closeQuietly());
        Response.ResponseBuilder answer = Response.status(media.status())
                .type(media.contentType())
                // Tenant audio: no shared cache keeps it, and no browser reads it as anything but audio.
                .header("Cache-Control", "private, no-store")
                .header("X-Content-Type-Options", "nosniff")
                .entity((StreamingOutput) media::transferTo);
        for (String header : new String[] {"Content-Length", "Content-Range", "Accept-Ranges"}) {
            String value = media.header(header);
            if (value != null) {
                answer.header(header, value);
            }
        }
        return answer.build();
    }

    private static TwilioMedia.Format format(String format) {
        if (format == null || format.equals("mp3")) {
            return TwilioMedia.Format.MP3;
        }
        if (format.equals("wav")) {
            return TwilioMedia.Format.WAV;
        }
        throw new ApiException.Invalid("format", "must be mp3 or wav");
    }
}
