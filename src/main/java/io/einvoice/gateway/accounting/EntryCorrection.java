package io.einvoice.gateway.accounting;

import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.AccountingStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A correction of an entry's account: the base lines move to another expense (or fixed-asset) or income account, the
 * third-party line to another auxiliary account. The first correction of a supplier's entry becomes that supplier's
 * accounts for its next invoices; later ones change their own entry only (the supplier's accounts are edited through
 * the API). An entry already exported is not changed: the accounting software has it.
 */
public class EntryCorrection {

    private static final Logger LOG = LoggerFactory.getLogger(EntryCorrection.class);

    /** @param account the new base account, null to keep it; @param auxiliaryAccount the new third-party one, null to keep */
    public record Change(String account, String auxiliaryAccount) {
    }

    private final JournalRepository journal;
    private final SupplierAccounts suppliers;
    private final DocumentRepository documents;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public EntryCorrection(JournalRepository journal, SupplierAccounts suppliers, DocumentRepository documents,
                           TransactionTemplate transactions, Clock clock) {
        this.journal = journal;
        this.suppliers = suppliers;
        this.documents = documents;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException naming every problem of the change
     * @throws IllegalStateException    when the entry was exported already
     */
    public JournalEntry correct(Document document, JournalEntry entry, Change change, String actor, String siren) {
        boolean purchase = document.direction() == Direction.PURCHASE;
        String account = AccountRules.normal(change.account());
        String aux = AccountRules.normal(change.auxiliaryAccount());
        List<String> problems = new ArrayList<>();
        if (account == null && aux == null) {
            problems.add("give account (the expense or income account) or auxiliaryAccount (the third party's), or both");
        }
        if (account != null) {
            if (purchase) {
                AccountRules.general(problems, "account", account, "6", "2");
            } else {
                AccountRules.general(problems, "account", account, "7");
            }
        }
        if (aux != null) {
            AccountRules.auxiliary(problems, "auxiliaryAccount", aux);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        if (document.accountingStatus() == AccountingStatus.EXPORTED) {
            throw new IllegalStateException("this entry was exported already: correct it in the accounting software");
        }
        List<JournalLine> lines = entry.lines().stream().map(l -> switch (l.role()) {
            case BASE -> l.withAccounts(account, null);
            case PARTY -> l.withAccounts(null, aux);
            case VAT -> l;
        }).toList();
        JournalEntry corrected = entry.withLines(lines);
        String base = lines.stream().filter(l -> l.role() == JournalLine.Role.BASE).map(JournalLine::account).findFirst()
                .orElse(null);
        String third = lines.stream().filter(l -> l.role() == JournalLine.Role.PARTY).map(JournalLine::auxAccount).findFirst()
                .orElse(null);
        boolean learnt = Boolean.TRUE.equals(transactions.execute(tx -> {
            journal.replaceLines(entry.documentId(), lines);
            documents.appendEvent(entry.documentId(), new DocumentEvent(OffsetDateTime.now(clock), actor, "JOURNAL_CORRECTED",
                    null, null, "account " + base + ", auxiliary account " + third));
            return purchase && entry.partyKey() != null && base != null && third != null
                    && suppliers.learnIfAbsent(new SupplierAccount(entry.dossierId(), entry.partyKey(),
                    document.invoice() == null || document.invoice().seller() == null ? null : document.invoice().seller().name(),
                    base, third, "LEARNT"));
        }));
        LOG.info("journal dossier={} document={} entry={} corrected by {}: account {}, auxiliary {}{}", siren,
                entry.documentId(), entry.seq(), actor, base, third, learnt ? "; learnt for the supplier's next invoices" : "");
        return corrected;
    }
}
