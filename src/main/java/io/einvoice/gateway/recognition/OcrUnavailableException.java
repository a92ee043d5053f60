package io.einvoice.gateway.recognition;

/** Tesseract or its language data is missing on this machine: an installation problem, said with the fix. */
public class OcrUnavailableException extends RuntimeException {

    public OcrUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
