package io.switchboard.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into RFC 9457 problem JSON. The one place errors are shaped: messages are
 * written for clients, and no Java class name or stack trace reaches a response. A database
 * verdict on the client's data (SQLSTATE class 22 or 23) is the client's fault, never "database
 * unavailable".
 */
class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final DeadConnectionSweeper deadConnections;

    ProblemMapper(DeadConnectionSweeper deadConnections) {
        this.deadConnections = deadConnections;
    }

    @ServerExceptionMapper
    Response apiException(ApiException e, UriInfo uri) {
        Response.ResponseBuilder response = Response.status(e.status())
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(
                        "about:blank",
                        e.title(),
                        e.status(),
                        e.getMessage(),
                        path(uri),
                        e.fieldErrors(),
                        e.extensions().isEmpty() ? null : e.extensions()));
        if (e.retryAfterSeconds() > 0) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        e.headers().forEach(response::header);
        if (e.status() == 401) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.build();
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
    Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return problem(
                400,
                "Bad Request",
                "The request body has a field this API does not know",
                uri,
                List.of(new Problem.FieldError(JsonBodies.path(e), "is not a field of this request")));
    }

    @ServerExceptionMapper
    Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        String field = JsonBodies.path(e);
        return problem(
                400,
                "Bad Request",
                "The request body does not match the expected shape",
                uri,
                List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, JsonBodies.reason(e))));
    }

    @ServerExceptionMapper
    Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return problem(
                400,
                "Bad Request",
                "The request body is not valid JSON",
                uri,
                List.of(new Problem.FieldError("body", "is not valid JSON")));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(problem(401, "Unauthorized", "A valid credential is required", uri, null))
                .header("WWW-Authenticate", "Bearer")
                .build();
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

    @ServerExceptionMapper
    Response unexpected(Exception e, UriInfo uri) {
        if (DatabaseFailures.isUnavailable(e)) {
            return databaseUnavailable(e, uri);
        }
        // Often wrapped (flush at commit, interceptors): look for a client-facing failure in the chain.
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return apiException(api, uri);
            }
        }
        var constraint = DatabaseFailures.violatedConstraint(e);
        if (constraint.isPresent()) {
            return constraintViolated(constraint.get(), uri);
        }
        var verdict = DatabaseFailures.dataVerdict(e);
        if (verdict.isPresent()) {
            return dataRefused(verdict.get(), uri);
        }
        LOG.error("Unhandled error on " + path(uri), e);
        return problem(500, "Internal Server Error", "An unexpected error occurred", uri, null);
    }

    private Response databaseUnavailable(Exception e, UriInfo uri) {
        LOG.warnf("Database unavailable: %s", e.getMessage());
        deadConnections.connectionFailed();
        return Response.fromResponse(problem(
                        503,
                        "Service Unavailable",
                        "The database is unavailable; nothing was changed. Retry shortly.",
                        uri,
                        null))
                .header("Retry-After", "5")
                .build();
    }

    private static Response constraintViolated(String constraintName, UriInfo uri) {
        var known = ConstraintMessages.conflict(constraintName);
        if (known.isPresent()) {
            return problem(409, "Conflict", "The request conflicts with existing data", uri, List.of(known.get()));
        }
        LOG.warnf("Constraint %s refused a write on %s", constraintName, path(uri));
        return problem(409, "Conflict", "The request conflicts with existing data or its rules", uri, null);
    }

    /** Class 23 (integrity) is a conflict with stored data; class 22 (data) a value that cannot be stored. */
    private static Response dataRefused(String sqlState, UriInfo uri) {
        LOG.warnf("The database refused a value (SQLSTATE %s) on %s", sqlState, path(uri));
        if (sqlState.startsWith("23")) {
            return problem(409, "Conflict", "The request conflicts with existing data or its rules", uri, null);
        }
        return problem(400, "Bad Request", "The request holds a value that cannot be stored", uri, null);
    }

    static Response problem(int status, String title, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        Problem body = new Problem("about:blank", title, status, detail, path(uri), errors, null);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // A method parameter's violation ("create.request.name") names the method and parameter
        // first: clients know their fields, not our method names. A violation on the parameter
        // itself (a missing body) is about the whole body. A bean validated on its own (a merge
        // patch) has its field path as it is.
        List<String> names = new ArrayList<>();
        boolean methodValidation = false;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                methodValidation = true;
            } else if (node.getKind() != ElementKind.PARAMETER && node.getName() != null) {
                names.add(node.getName());
            }
        }
        return names.isEmpty() && methodValidation ? "body" : String.join(".", names);
    }
}
