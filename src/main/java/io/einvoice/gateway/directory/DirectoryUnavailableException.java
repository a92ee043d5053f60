package io.einvoice.gateway.directory;

/** The directory service could not be asked now, and no line of the SIREN is kept here to decide without it. */
public class DirectoryUnavailableException extends Exception {

    public DirectoryUnavailableException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
