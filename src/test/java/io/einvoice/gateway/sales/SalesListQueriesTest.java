package io.einvoice.gateway.sales;

import io.einvoice.gateway.document.AccountingStatus;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.document.PaymentStatus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.system.DatabaseOfEachTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sales list page reads its drafts, their lines, deductions and document rows in a fixed number of queries, not
 * a few more per invoice (it was 1 + 4 per invoice): counted by H2's own statement statistics.
 */
class SalesListQueriesTest {

    private static final int INVOICES = 12;

    @RegisterExtension
    final DatabaseOfEachTest database = DatabaseOfEachTest.h2();


    @Test
    void aPageOfDraftsIsReadInFourQueriesWithEachDraftsOwnLinesAndDocument() {
        DossierRepository dossiers = new DossierRepository(database.jdbc());
        Firm firm = new Firm(UUID.randomUUID().toString(), "F", "443322110");
        dossiers.insertFirm(firm);
        Dossier dossier = new Dossier(UUID.randomUUID().toString(), firm.id(), "123456782", null, "A", null, 12, "ACTIVE", false);
        dossiers.insert(dossier);
        DocumentRepository documents = new DocumentRepository(database.jdbc());
        SalesRepository sales = new SalesRepository(database.jdbc());
        documents.recordBlob("a".repeat(64), 2, "application/json");
        String customer = UUID.randomUUID().toString();
        database.jdbc().update("INSERT INTO party (id, dossier_id, role, number, kind, company_name, search_text, created_at,"
                + " updated_at) VALUES (?, ?, 'CUSTOMER', 'CLI-001', 'COMPANY', 'Client', 'client', ?, ?)", customer,
                dossier.id(), OffsetDateTime.now(), OffsetDateTime.now());
        for (int i = 0; i < INVOICES; i++) {
            String id = UUID.randomUUID().toString();
            documents.insert(new Document(id, dossier.id(), Direction.SALES, Channel.CREATED, null, "draft-" + i + ".json",
                    "a".repeat(64), null, null, null, null, DocumentStatus.DRAFT, null, PaymentStatus.UNPAID,
                    AccountingStatus.TO_EXPORT, null, OffsetDateTime.now()));
            List<SalesLine> lines = java.util.stream.IntStream.rangeClosed(1, i % 3 + 1).mapToObj(n -> new SalesLine(n, null,
                    LineKind.SERVICE, "line " + n, "C62", BigDecimal.ONE, new BigDecimal("10"), null,
                    new VatChoice(new BigDecimal("20"), "S", null, null))).toList();
            sales.insert(new SalesDraft(id, dossier.id(), InvoiceType.INVOICE, customer, false, 1, null, null, null, 30, null,
                    "REF-" + i, null, null, null, List.of(), null, lines));
        }

        var db = database.jdbc();
        db.execute("SET QUERY_STATISTICS FALSE");
        db.execute("SET QUERY_STATISTICS TRUE");
        List<SalesDraft> page;
        Map<String, DocumentRepository.Listed> rows;
        List<Map<String, Object>> statements;
        try {
            page = sales.list(dossier.id(), 100, 0);
            rows = documents.listed(dossier.id(), page.stream().map(SalesDraft::documentId).toList());
            statements = db.queryForList("SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
                    + " WHERE SQL_STATEMENT NOT LIKE '%QUERY_STATISTICS%'");
        } finally {
            db.execute("SET QUERY_STATISTICS FALSE");
        }

        long executions = statements.stream().mapToLong(s -> ((Number) s.get("EXECUTION_COUNT")).longValue()).sum();
        assertThat(executions).as("drafts, lines, deductions, documents: " + statements).isEqualTo(4);
        assertThat(page).hasSize(INVOICES);
        assertThat(rows).hasSize(INVOICES);
        for (SalesDraft d : page) {
            int i = Integer.parseInt(d.buyerReference().substring("REF-".length()));
            assertThat(d.lines()).as(d.buyerReference()).hasSize(i % 3 + 1);
            assertThat(rows.get(d.documentId()).document().fileName()).isEqualTo("draft-" + i + ".json");
        }
    }
}
