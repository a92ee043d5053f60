package io.einvoice.gateway.validation;

/** How much a finding weighs: only errors make an invoice invalid. */
public enum Severity {
    ERROR, WARNING, INFO
}
