package io.einvoice.gateway.connector;

/** A source could not be read; the message is our own sentence, never the source's words. */
public class ConnectorException extends Exception {

    private final boolean stops;

    private ConnectorException(String sentence, boolean stops, Throwable cause) {
        super(sentence, cause);
        this.stops = stops;
    }

    /** Trying again will not help until someone changes the settings (credentials refused, host not allowed). */
    public static ConnectorException stopping(String sentence) {
        return new ConnectorException(sentence, true, null);
    }

    public static ConnectorException stopping(String sentence, Throwable cause) {
        return new ConnectorException(sentence, true, cause);
    }

    /** This run fails; the next one tries again. */
    public static ConnectorException passing(String sentence) {
        return new ConnectorException(sentence, false, null);
    }

    public static ConnectorException passing(String sentence, Throwable cause) {
        return new ConnectorException(sentence, false, cause);
    }

    public boolean stops() {
        return stops;
    }
}
