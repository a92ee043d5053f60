package io.einvoice.gateway.refusal;

/**
 * A request a service turns down on purpose, in our own sentence, with a stable reason for programs ("not_payable").
 * Services throw the subclass that says what kind of refusal it is; the API and the web pages each decide how to
 * show it, so no service knows about HTTP.
 */
public abstract sealed class Refusal extends RuntimeException
        permits InvalidInputException, NotSignedException, NotAllowedException, NotVisibleException, StateConflictException,
        TooLargeException, NotPossibleException, UpstreamFailedException, UnavailableException {

    private final String reason;

    protected Refusal(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The stable code programs (and the French pages) key on. */
    public String reason() {
        return reason;
    }
}
