package io.einvoice.gateway.accounting;

import io.einvoice.gateway.api.Download;
import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotAllowedException;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.StateConflictException;

import org.apache.commons.validator.routines.EmailValidator;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The accounting endpoints (routes/accounting.camel.yaml, docs/contract.md "Accounting"): chart settings, supplier
 * accounts, a document's journal entry and its correction, the export of a period. A dossier or document the caller
 * may not see does not exist for them (404).
 */
public class AccountingApi {

    private static final int MAX_LIST = 500;
    private static final int MAX_EMAIL = 254;

    public record SettingsInput(String supplierPrefix, String customerPrefix, String expenseAccount, String salesAccount,
                                String vatDeductible, String vatCollected, String vatReverseCharge, BigDecimal reverseChargeRate,
                                String purchaseJournal, String salesJournal, String autoExport, String autoExportFormat,
                                Boolean autoExportPdfs, String autoExportTarget, String autoExportEmail) {
    }

    public record SettingsView(String supplierPrefix, String customerPrefix, String expenseAccount, String salesAccount,
                               String vatDeductible, String vatCollected, String vatReverseCharge, BigDecimal reverseChargeRate,
                               String purchaseJournal, String salesJournal, String autoExport, String autoExportFormat,
                               boolean autoExportPdfs, String autoExportFolder, String autoExportTarget,
                               String autoExportEmail) {
        static SettingsView of(ChartSettings s, String siren) {
            return new SettingsView(s.supplierPrefix(), s.customerPrefix(), s.expenseAccount(), s.salesAccount(),
                    s.vatDeductible(), s.vatCollected(), s.vatReverseCharge(), s.reverseChargeRate(), s.purchaseJournal(),
                    s.salesJournal(), s.autoExport().name(), s.autoExportFormat().name(), s.autoExportPdfs(),
                    "export/" + siren + "/", s.autoExportTarget().name(), s.autoExportEmail());
        }
    }

    public record SupplierInput(String name, String expenseAccount, String auxiliaryAccount) {
    }

    public record CorrectionInput(String account, String auxiliaryAccount) {
    }

    /** An entry as the API shows it: dates as AAAA-MM-JJ. */
    public record EntryView(String documentId, long seq, String journalCode, String journalLabel, String entryDate,
                            String pieceRef, String pieceDate, String label, String partyKey, String currency,
                            String validDate, List<JournalLine> lines) {
        static EntryView of(JournalEntry e) {
            return new EntryView(e.documentId(), e.seq(), e.journalCode(), e.journalLabel(), e.entryDate().toString(),
                    e.pieceRef(), e.pieceDate().toString(), e.label(), e.partyKey(), e.currency(),
                    e.validDate() == null ? null : e.validDate().toString(), e.lines());
        }
    }

    private final AccessService access;
    private final DocumentRepository documents;
    private final ChartSettingsRepository charts;
    private final SupplierAccounts suppliers;
    private final JournalRepository journal;
    private final EntryCorrection corrections;
    private final AccountingExport export;
    private final ExportMailer mailer;

    public AccountingApi(AccessService access, DocumentRepository documents, ChartSettingsRepository charts,
                         SupplierAccounts suppliers, JournalRepository journal, EntryCorrection corrections,
                         AccountingExport export, ExportMailer mailer) {
        this.access = access;
        this.documents = documents;
        this.charts = charts;
        this.suppliers = suppliers;
        this.journal = journal;
        this.corrections = corrections;
        this.export = export;
        this.mailer = mailer;
    }

    public SettingsView settings(Caller caller, String siren) {
        Dossier dossier = dossier(caller, siren);
        return SettingsView.of(charts.get(dossier.id()), dossier.siren());
    }

    /** Users only, like sales settings: they decide where a dossier's books go. */
    public SettingsView putSettings(Caller caller, String siren, String body) {
        Dossier dossier = dossier(caller, siren);
        if (!(caller instanceof Caller.Person)) {
            throw new NotAllowedException("an API key cannot change the chart settings; log in as a user of the firm");
        }
        ChartSettings saved = parse(dossier.id(), Json.read(body, SettingsInput.class), charts.get(dossier.id()));
        if (saved.autoExportTarget() == AutoExport.Target.EMAIL && !mailer.canMail(dossier.id())) {
            throw new StateConflictException("no_smtp", "exports can be mailed once the dossier has SMTP settings: set them"
                    + " first (PUT /api/dossiers/" + dossier.siren() + "/smtp)");
        }
        charts.save(saved);
        return SettingsView.of(saved, dossier.siren());
    }

    static ChartSettings parse(String dossierId, SettingsInput in, ChartSettings current) {
        List<String> problems = new ArrayList<>();
        String supplier = or(in.supplierPrefix(), current.supplierPrefix());
        String customer = or(in.customerPrefix(), current.customerPrefix());
        String expense = or(in.expenseAccount(), current.expenseAccount());
        String sales = or(in.salesAccount(), current.salesAccount());
        String deductible = or(in.vatDeductible(), current.vatDeductible());
        String collected = or(in.vatCollected(), current.vatCollected());
        String reverse = or(in.vatReverseCharge(), current.vatReverseCharge());
        AccountRules.general(problems, "supplierPrefix", supplier, "40");
        AccountRules.general(problems, "customerPrefix", customer, "41");
        AccountRules.general(problems, "expenseAccount", expense, "6");
        AccountRules.general(problems, "salesAccount", sales, "70");
        AccountRules.general(problems, "vatDeductible", deductible, "445");
        AccountRules.general(problems, "vatCollected", collected, "445");
        AccountRules.general(problems, "vatReverseCharge", reverse, "445");
        BigDecimal rate = in.reverseChargeRate() == null ? current.reverseChargeRate() : in.reverseChargeRate();
        if (rate.signum() < 0 || rate.compareTo(BigDecimal.valueOf(100)) > 0 || rate.scale() > 2) {
            problems.add("reverseChargeRate must be a percentage between 0 and 100 with at most 2 decimals");
        }
        String purchaseJournal = or(in.purchaseJournal(), current.purchaseJournal());
        String salesJournal = or(in.salesJournal(), current.salesJournal());
        AccountRules.journal(problems, "purchaseJournal", purchaseJournal);
        AccountRules.journal(problems, "salesJournal", salesJournal);
        AutoExport mode = current.autoExport();
        if (in.autoExport() != null) {
            try {
                mode = AutoExport.valueOf(in.autoExport().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("autoExport must be NONE, DAILY or ON_APPROVAL");
            }
        }
        ExportFormat format = current.autoExportFormat();
        if (in.autoExportFormat() != null) {
            try {
                format = ExportFormat.parse(in.autoExportFormat());
            } catch (IllegalArgumentException e) {
                problems.add("autoExportFormat: " + e.getMessage());
            }
        }
        AutoExport.Target target = current.autoExportTarget();
        if (in.autoExportTarget() != null) {
            try {
                target = AutoExport.Target.valueOf(in.autoExportTarget().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("autoExportTarget must be FOLDER or EMAIL");
            }
        }
        String email = in.autoExportEmail() == null ? current.autoExportEmail()
                : in.autoExportEmail().isBlank() ? null : in.autoExportEmail().strip();
        if (email != null && (email.length() > MAX_EMAIL || !EmailValidator.getInstance().isValid(email))) {
            problems.add("autoExportEmail must be one e-mail address (at most " + MAX_EMAIL + " characters)");
        } else if (target == AutoExport.Target.EMAIL && email == null) {
            problems.add("autoExportEmail is required when autoExportTarget is EMAIL");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("; ", problems));
        }
        return new ChartSettings(dossierId, supplier, customer, expense, sales, deductible, collected, reverse,
                rate.setScale(2), purchaseJournal, salesJournal, mode, format, target, email,
                in.autoExportPdfs() == null ? current.autoExportPdfs() : in.autoExportPdfs());
    }

    public List<SupplierAccount> suppliers(Caller caller, String siren, Integer limit, Integer offset) {
        Dossier dossier = dossier(caller, siren);
        int l = limit == null ? 100 : limit;
        int o = offset == null ? 0 : offset;
        if (l < 1 || l > MAX_LIST || o < 0) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_LIST + " and offset 0 or more");
        }
        return suppliers.list(dossier.id(), l, o);
    }

    public SupplierAccount putSupplier(Caller caller, String siren, String key, String body) {
        Dossier dossier = dossier(caller, siren);
        if (key == null || key.isBlank() || key.length() > 320 || !key.matches("(SIREN|VAT|NAME):.+")) {
            throw new InvalidInputException("a supplier is named by its key: SIREN:<siren>, VAT:<number> or NAME:<NAME IN CAPITALS>,"
                    + " as GET .../accounting/suppliers and a purchase entry's partyKey show it");
        }
        SupplierInput in = Json.read(body, SupplierInput.class);
        String expense = AccountRules.normal(in.expenseAccount());
        String aux = AccountRules.normal(in.auxiliaryAccount());
        List<String> problems = new ArrayList<>();
        AccountRules.general(problems, "expenseAccount", expense, "6", "2");
        AccountRules.auxiliary(problems, "auxiliaryAccount", aux);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("; ", problems));
        }
        SupplierAccount account = new SupplierAccount(dossier.id(), key, in.name(), expense, aux, "SET");
        suppliers.put(account);
        return suppliers.find(dossier.id(), key).orElse(account);
    }

    public EntryView entry(Caller caller, String documentId) {
        return EntryView.of(stored(caller, documentId));
    }

    private JournalEntry stored(Caller caller, String documentId) {
        Document document = document(caller, documentId);
        return journal.find(document.dossierId(), document.id())
                .orElseThrow(() -> new NotVisibleException("journal entry of this document (it is written when a purchase"
                        + " invoice is approved or a sales invoice sent)"));
    }

    public EntryView correct(Caller caller, String documentId, String body) {
        Document document = document(caller, documentId);
        JournalEntry entry = stored(caller, documentId);
        CorrectionInput in = Json.read(body, CorrectionInput.class);
        try {
            return EntryView.of(corrections.correct(document, entry, new EntryCorrection.Change(in.account(), in.auxiliaryAccount()),
                    caller.label(), access.visibleDossierById(caller, document.dossierId()).map(Dossier::siren).orElse("")));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        } catch (IllegalStateException e) {
            throw new StateConflictException("exported", e.getMessage());
        }
    }

    /** GET .../accounting/export?from=&to=&format=&pdfs=: the file; the documents in it become EXPORTED once. */
    public Download export(Caller caller, String siren, String from, String to, String format, String pdfs) throws IOException {
        Dossier dossier = dossier(caller, siren);
        ExportFormat chosen;
        try {
            chosen = ExportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("format: " + e.getMessage());
        }
        if (pdfs != null && !pdfs.equals("true") && !pdfs.equals("false")) {
            throw new InvalidInputException("pdfs must be true or false");
        }
        AccountingExport.Result result = export.period(dossier, day("from", from), day("to", to), chosen, "true".equals(pdfs));
        export.markExported(dossier, result, caller.label());
        return new Download(result.fileName(), result.mediaType(),
                Files.newInputStream(result.file(), StandardOpenOption.DELETE_ON_CLOSE));
    }

    private static LocalDate day(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field + " is required, as AAAA-MM-JJ");
        }
        if (text.length() > 10) {
            throw new InvalidInputException(field + " must be a date as AAAA-MM-JJ");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field + " must be a date as AAAA-MM-JJ");
        }
    }

    private Document document(Caller caller, String documentId) {
        Document document = documentId == null || documentId.length() > 36 ? null : documents.findById(documentId).orElse(null);
        if (document == null || access.visibleDossierById(caller, document.dossierId()).isEmpty()) {
            throw new NotVisibleException("document");
        }
        return document;
    }

    private Dossier dossier(Caller caller, String siren) {
        return access.visibleDossier(caller, siren).orElseThrow(() -> new NotVisibleException("dossier"));
    }

    private static String or(String value, String current) {
        return value == null || value.isBlank() ? current : AccountRules.normal(value);
    }
}
