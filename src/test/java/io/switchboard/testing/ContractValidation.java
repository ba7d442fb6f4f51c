package io.switchboard.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.authentication.PreemptiveOAuth2HeaderScheme;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Makes the OpenAPI document a contract the suite enforces: every request a {@code @QuarkusTest}
 * makes through RestAssured, and every response it gets, is validated against the application's own
 * {@code /q/openapi} with Atlassian's swagger-request-validator. Every response must match what the
 * document says of its operation and status; a request must match too when the service accepted
 * it (a test that sends a deliberately bad request gets an error response, which is validated as
 * such). Paths outside the API (/q/...) and refusals of paths the API does not have are left
 * alone. Installed before each test by Quarkus (META-INF/services).
 */
public final class ContractValidation implements Filter, QuarkusTestBeforeEachCallback {

    /** One validator per running application (its document), by base URL. */
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private static final ContractValidation FILTER = new ContractValidation();

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        synchronized (ContractValidation.class) {
            if (!RestAssured.filters().contains(FILTER)) {
                RestAssured.filters(FILTER);
            }
        }
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request,
            FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        // Matrix parameters (/admin;x/v1) belong to their segment, not to the path JAX-RS matches.
        String path = uri.getPath().replaceAll(";[^/]*", "");
        if (path.startsWith("/q/")) {
            return response;
        }
        String base = uri.getScheme() + "://" + uri.getAuthority();
        OpenApiInteractionValidator validator = VALIDATORS.computeIfAbsent(base, ContractValidation::validatorFor);
        Request.Method method = Request.Method.valueOf(request.getMethod().toUpperCase(Locale.ROOT));
        ValidationReport report = validator.validateResponse(path, method, RestAssuredResponse.of(response));
        if (response.statusCode() < 400) {
            report = report.merge(validator.validateRequest(asSent(request, path)));
        }
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                // A path the API does not have (a typo, matrix parameters), refused: nothing to hold it to.
                .filter(message ->
                        !(response.statusCode() >= 400 && message.getKey().endsWith(".path.missing")))
                .filter(message -> !(response.statusCode() == 404
                        && message.getKey().equals("validation.response.status.unknown")))
                .toList();
        if (!errors.isEmpty()) {
            throw new AssertionError(request.getMethod() + " " + uri.getPath() + " -> " + response.statusCode()
                    + " does not match /q/openapi:\n"
                    + errors.stream()
                            .map(message -> "  " + message.getKey() + ": " + message.getMessage())
                            .collect(Collectors.joining("\n"))
                    + "\nresponse: " + abbreviate(response.asString()));
        }
        return response;
    }

    /**
     * The request as the service received it: RestAssured adds {@code auth().oauth2(...)} as a
     * header only after the filters run, so it is added here for the validator to see (and to
     * check against the operation's security).
     */
    private static Request asSent(FilterableRequestSpecification request, String path) {
        Request spec = RestAssuredRequest.of(request);
        SimpleRequest.Builder sent = new SimpleRequest.Builder(spec.getMethod(), path);
        spec.getHeaders().forEach((name, values) -> sent.withHeader(name, List.copyOf(values)));
        spec.getQueryParameters()
                .forEach(name -> sent.withQueryParam(name, List.copyOf(spec.getQueryParameterValues(name))));
        spec.getRequestBody().ifPresent(sent::withBody);
        if (request.getAuthenticationScheme() instanceof PreemptiveOAuth2HeaderScheme bearer
                && spec.getHeaderValue("Authorization").isEmpty()) {
            sent.withAuthorization("Bearer " + bearer.getAccessToken());
        }
        return sent.build();
    }

    private static OpenApiInteractionValidator validatorFor(String base) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(fetch(base + "/q/openapi?format=json"))
                .build();
    }

    private static String abbreviate(String body) {
        return body.length() <= 500 ? body : body.substring(0, 500) + "...";
    }

    private static String fetch(String url) {
        try {
            return HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the OpenAPI document at " + url, e);
        }
    }
}
