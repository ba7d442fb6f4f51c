package io.switchboard.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLTransientConnectionException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every failure into RFC 9457 problem JSON. The one place errors are shaped: messages are
 * written for clients, and no Java class name or stack trace reaches a response.
 */
class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final DeadConnectionSweeper deadConnections;

    ProblemMapper(DeadConnectionSweeper deadConnections) {
        this.deadConnections = deadConnections;
    }

    @ServerExceptionMapper
    Response apiException(ApiException e, UriInfo uri) {
        if (e instanceof io.switchboard.twilio.TwilioFailure twilio) {
            return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(new Problem("about:blank", e.title(),
                    e.status(), e.getMessage(), uri.getPath(), null, twilio.twilioCode())).build();
        }
        Response response = problem(e.status(), e.title(), e.getMessage(), uri, e.fieldErrors());
        if (e instanceof ApiException.TooManyRequests tooMany) {
            return Response.fromResponse(response).header("Retry-After", tooMany.retryAfterSeconds()).build();
        }
        if (e instanceof ApiException.Unauthorized) {
            return Response.fromResponse(response).header("WWW-Authenticate", "Bearer").build();
        }
        return response;
    }

    @ServerExceptionMapper
    Response invalidBean(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return problem(400, "Bad Request", "The request has invalid fields", uri, errors);
    }

    @ServerExceptionMapper
    Response wrongJsonType(InvalidFormatException e, UriInfo uri) {
        String field = jsonPath(e);
        return problem(400, "Bad Request", "The request body has a value of the wrong type", uri,
                List.of(new Problem.FieldError(field, "has the wrong type or format")));
    }

    @ServerExceptionMapper
    Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        return problem(400, "Bad Request", "The request body does not match the expected shape", uri,
                field.isEmpty() ? null : List.of(new Problem.FieldError(field, "has the wrong type or shape")));
    }

    @ServerExceptionMapper
    Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return problem(400, "Bad Request", "The request body is not valid JSON", uri, null);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(problem(401, "Unauthorized", "A valid credential is required", uri, null))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "Forbidden", "This credential may not do that", uri, null);
    }

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = status.getStatusCode() == 404 ? "No such resource" : status.getReasonPhrase();
        return problem(status.getStatusCode(), status.getReasonPhrase(), detail, uri, null);
    }

    @ServerExceptionMapper({JDBCConnectionException.class, SQLTransientConnectionException.class})
    Response databaseUnavailable(Exception e, UriInfo uri) {
        LOG.warnf("Database unavailable: %s", e.getMessage());
        deadConnections.connectionFailed();
        return Response.fromResponse(problem(503, "Service Unavailable",
                "The database is unavailable; nothing was changed. Retry shortly.", uri, null))
                .header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    Response unexpected(Exception e, UriInfo uri) {
        if (DatabaseFailures.isUnavailable(e)) {
            return databaseUnavailable(e, uri);
        }
        // Often wrapped (flush at commit, interceptors): look for the database's verdict in the chain.
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation) {
                return constraintViolated(violation, uri);
            }
            if (cause instanceof ApiException api) {
                return apiException(api, uri);
            }
        }
        LOG.error("Unhandled error on " + uri.getPath(), e);
        return problem(500, "Internal Server Error", "An unexpected error occurred", uri, null);
    }

    private static Response constraintViolated(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        var known = ConstraintMessages.conflict(e.getConstraintName());
        if (known.isPresent()) {
            return problem(409, "Conflict", "The request conflicts with existing data", uri, List.of(known.get()));
        }
        LOG.warnf("Constraint %s refused a write on %s", e.getConstraintName(), uri.getPath());
        return problem(409, "Conflict", "The request conflicts with existing data or its rules", uri, null);
    }

    static Response problem(int status, String title, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        Problem body = new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // "create.request.name" -> "name": clients know their fields, not our method names.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : parts[parts.length - 1];
    }

    private static String jsonPath(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
