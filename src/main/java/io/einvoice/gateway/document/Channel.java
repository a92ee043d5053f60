package io.einvoice.gateway.document;

/** How a document came in. */
public enum Channel {
    FOLDER, MAIL, UPLOAD, CONNECTOR, PLATFORM, CREATED,
    /** fetched from the dossier's plateforme agréée (XP Z12-013 flow API) */
    PLATFORM_PA
}
