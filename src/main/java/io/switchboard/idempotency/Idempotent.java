package io.switchboard.idempotency;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST of the tenant API that honours {@code Idempotency-Key} (every POST under /v1 but
 * /v1/auth; {@code IdempotencyCoverageTest} holds the two together). The method must return a
 * {@code Response}, which is what a retry with the same key gets again.
 *
 * <p>By default the method runs in one transaction that also stores its answer. A method that does
 * slow or remote work outside any transaction (hashing a password, calling Twilio) sets
 * {@link #commitsItself()} and commits its answer through {@link IdempotentRequest#commit}.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {

    @Nonbinding
    boolean commitsItself() default false;
}
