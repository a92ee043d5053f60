package io.einvoice.gateway.validation;

/** Validation could not run (an artefact is missing, a bug): says nothing about the invoice, so try again later. */
public class ValidationUnavailableException extends Exception {

    public ValidationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
