package io.einvoice.gateway.ereporting;

/** A report that is not sent, with our sentence why; {@code conflict}: it clashes with one sent already. */
public class EReportRefusedException extends Exception {

    private final boolean conflict;

    public EReportRefusedException(String sentence, boolean conflict) {
        super(sentence);
        this.conflict = conflict;
    }

    public boolean conflict() {
        return conflict;
    }
}
