package io.einvoice.gateway.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.einvoice.gateway.api.Json;

/** The report as stored and served: the record's fields as JSON, findings in the order found. */
public final class ReportJson {

    private static final ObjectWriter JSON = Json.PRETTY;

    private ReportJson() {
    }

    public static byte[] bytes(Object reportOrReports) {
        try {
            return JSON.writeValueAsBytes(reportOrReports);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a validation report does not serialise", e);
        }
    }
}
