package io.einvoice.gateway.ingest.mail;

/**
 * One file found in a mail. {@code quarantineReason} is set when the file must be kept but cannot be read as it is
 * (a ZIP archive over the limits, with unsafe names): it then becomes a quarantined document with that reason.
 */
public record MailAttachment(String fileName, Kind kind, byte[] content, String quarantineReason) {

    /** What the gateway does with it: an invoice candidate becomes a document, evidence is stored beside it. */
    public enum Kind {
        PDF, XML, IMAGE, ARCHIVE, SIGNATURE
    }

    public boolean evidence() {
        return kind == Kind.SIGNATURE;
    }
}
