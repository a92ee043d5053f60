package io.einvoice.gateway.refusal;

/** A server the gateway handed the work to (the mail server) refused or failed it; nothing was half done here. */
public final class UpstreamFailedException extends Refusal {

    public UpstreamFailedException(String reason, String message) {
        super(reason, message);
    }
}
