package io.einvoice.gateway.archive;

import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.DossierRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;

/** The archive feature's beans, built once for the gateway and for the {@code ./gateway archive} commands. */
public record Archive(ArchiveService service, ArchiveRepository entries, ArchiveVerifier verifier, ArchiveExporter exporter) {

    public static final String RETENTION_VARIABLE = "GATEWAY_ARCHIVE_RETENTION_YEARS";
    /** French commercial law keeps invoices 10 years (Code de commerce L123-22). */
    public static final int DEFAULT_RETENTION_YEARS = 10;

    public static Archive create(JdbcTemplate jdbc, TransactionTemplate transactions, BlobStore blobs,
                                 DocumentRepository documents, DossierRepository dossiers, int retentionYears) {
        ArchiveRepository entries = new ArchiveRepository(jdbc);
        return new Archive(new ArchiveService(documents, dossiers, entries, blobs, transactions, retentionYears), entries,
                new ArchiveVerifier(entries, documents, dossiers, blobs),
                new ArchiveExporter(entries, documents, dossiers, blobs));
    }

    public static int retentionYears(Map<String, String> env) {
        String value = env.get(RETENTION_VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT_RETENTION_YEARS;
        }
        try {
            int years = Integer.parseInt(value.trim());
            if (years >= 0) {
                return years;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw new IllegalArgumentException(RETENTION_VARIABLE + " must be a whole number of years (0 or more), got '" + value + "'");
    }
}
