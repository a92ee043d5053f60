package io.einvoice.gateway.document;

/** How a document came in. */
public enum Channel {
    FOLDER, MAIL, UPLOAD, CONNECTOR, PLATFORM, CREATED
}
