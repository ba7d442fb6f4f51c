package io.switchboard.idempotency;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Around every {@link Idempotent} method: a request with a key claims it first (or is answered
 * from the stored response, 409 or 422 without running), its answer is stored with its work, and a
 * failure gives the key back or leaves it to Twilio's report (see {@link IdempotentRequest}).
 * Innermost of the method's interceptors, so a body that fails validation never claims a key.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 900)
class IdempotencyInterceptor {

    private final IdempotentRequest request;

    IdempotencyInterceptor(IdempotentRequest request) {
        this.request = request;
    }

    @AroundInvoke
    Object around(InvocationContext invocation) throws Exception {
        if (!request.keyed()) {
            return invocation.proceed();
        }
        Optional<Response> answered = request.begin();
        if (answered.isPresent()) {
            return answered.get();
        }
        Idempotent binding = invocation.getMethod().getAnnotation(Idempotent.class);
        try {
            Object result = binding != null && binding.commitsItself()
                    ? invocation.proceed()
                    : request.commit(() -> proceed(invocation));
            request.requireCommitted();
            return result;
        } catch (Exception | Error failure) {
            if (claimLost(failure)) {
                return request.afterLosingClaim();
            }
            request.failed(failure);
            throw failure;
        }
    }

    private static Response proceed(InvocationContext invocation) {
        try {
            return (Response) invocation.proceed();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean claimLost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IdempotentRequest.ClaimLostException) {
                return true;
            }
        }
        return false;
    }
}
