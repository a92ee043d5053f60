package io.einvoice.gateway.outbound;

import java.io.IOException;

/**
 * A host set by a user resolved to an address the gateway must not reach (loopback, link-local, private...). An
 * {@link IOException} so that it travels through a mail library's connect as the cause of its failure; the message is
 * our own sentence, fit to show to the user.
 */
public class HostRefusedException extends IOException {

    public HostRefusedException(String sentence) {
        super(sentence);
    }
}
