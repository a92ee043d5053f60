package io.einvoice.gateway.connector;

import java.util.List;

/**
 * One kind of supplier source, as a run sees it: what the source lists now (after the connector's cursor when it can
 * filter), and one listed invoice's file. The run decides what is new (transport ids) and stores it; a source only
 * reads, bounded, and says what went wrong in our own sentences ({@link ConnectorException}).
 */
public interface InvoiceSource {

    /** The kind of connector this source reads. */
    ConnectorKind kind();

    /** What the source lists now, in its order; an invoice listed twice appears once. */
    Listing list(Connector c, String secret, String cursor) throws ConnectorException;

    /** The invoice's file, at most {@code maxBytes}. */
    byte[] download(Connector c, String secret, RemoteInvoice invoice, int maxBytes) throws ConnectorException;

    /** Called once the invoice is stored (readable or quarantined): a source may then move it aside. */
    default void stored(Connector c, RemoteInvoice invoice) throws ConnectorException {
    }

    /** Called at the end of every run, whatever its outcome: a source closes what it kept open for the run. */
    default void finished(Connector c) {
    }

    /** What a run found: the invoices, and why some items were left out. */
    record Listing(List<RemoteInvoice> invoices, List<String> skipped) {
    }
}
