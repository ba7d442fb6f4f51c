package io.switchboard.webhook;

import io.switchboard.common.ApiException;

/** 413: a webhook body larger than Twilio ever sends. */
class WebhookBodyTooLargeException extends ApiException {

    WebhookBodyTooLargeException() {
        super(413, "Content Too Large", "Webhook bodies are limited to " + WebhookGate.MAX_BODY_BYTES + " bytes");
    }
}
