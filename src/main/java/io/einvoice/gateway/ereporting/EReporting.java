package io.einvoice.gateway.ereporting;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.dispatch.pa.PaDispatcher;
import io.einvoice.gateway.dispatch.pa.PaException;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.UnreadableInvoiceException;
import io.einvoice.gateway.refusal.NotPossibleException;
import io.einvoice.gateway.refusal.Refusal;
import io.einvoice.gateway.refusal.StateConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * E-reporting (issue 17 §4): per dossier and period, the sales outside e-invoicing (sent by e-mail because the
 * buyer is foreign or an individual, {@link ReportedSale}) and their payments, written as the flows 10.1-10.4
 * ({@link FrrWriter}), checked ({@link FrrCheck}) and posted through the dossier's PA as FRR flows, whose
 * acknowledgement is then followed with the other flows. A period of one flow is sent once; a correction is a new
 * version that names the report it corrects. Each document a report carries gets an event on its timeline.
 */
public class EReporting {

    /** Days and periods are French ones: a payment recorded at 00:30 in Paris belongs to that day. */
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final Logger LOG = LoggerFactory.getLogger(EReporting.class);
    private static final String ACTOR = "ereporting";
    /** A period of one dossier with more sales than this is refused rather than written as one huge file. */
    static final int MAX_ITEMS = 20_000;

    private final EReports reports;
    private final DocumentRepository documents;
    private final DossierRepository dossiers;
    private final BlobStore blobs;
    private final PaDispatcher pa;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final InvoiceReader reader = new InvoiceReader();

    public EReporting(EReports reports, DocumentRepository documents, DossierRepository dossiers, BlobStore blobs,
                      PaDispatcher pa, TransactionTemplate transactions, Clock clock) {
        this.reports = reports;
        this.documents = documents;
        this.dossiers = dossiers;
        this.blobs = blobs;
        this.pa = pa;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Sends the flow of one period once (or again, byte for byte, when the PA did not take it yet); with
     * {@code correction} a new version of a period already sent.
     */
    public EReports.Report send(Dossier dossier, ReportKind kind, ReportPeriod period, boolean correction) {
        VatRegime regime = reports.regime(dossier.id());
        ReportPeriod.Cadence cadence = regime.cadence(kind);
        if (period.cadence() != cadence) {
            throw new NotPossibleException("not_reportable", "dossier " + dossier.siren() + " (VAT regime " + regime + ") reports flow "
                    + kind.flow() + " by " + cadence.name().toLowerCase() + ": name a " + cadence.name().toLowerCase()
                    + (cadence == ReportPeriod.Cadence.DECADE ? " (e.g. " + period.start().toString().substring(0, 7) + "-D1)"
                    : " (e.g. " + period.start().toString().substring(0, 7) + ")") + ", not " + period);
        }
        if (!period.end().isBefore(today())) {
            throw new NotPossibleException("not_reportable", "period " + period + " ends on " + period.end() + ": it is reported once it is"
                    + " over");
        }
        Optional<EReports.Report> latest = reports.latest(dossier.id(), kind, period);
        if (latest.isPresent() && latest.get().flowId() == null) {
            return post(dossier, kind, latest.get());
        }
        if (latest.isPresent() && !correction) {
            EReports.Report r = latest.get();
            throw new StateConflictException("already_reported", "flow " + kind.flow() + " of " + period + " was sent on " + r.sentAt()
                    + " (report " + r.id() + ", PA flow " + r.flowId() + "): a change is sent as a correction");
        }
        if (latest.isEmpty() && correction) {
            throw new StateConflictException("already_reported", "flow " + kind.flow() + " of " + period + " was never sent: there is nothing"
                    + " to correct; send it");
        }
        int version = latest.map(r -> r.version() + 1).orElse(1);
        String reportId = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(clock);
        String name = "FRR_" + dossier.siren() + "_" + kind.flow() + "_" + period + "_v" + version + ".xml";
        FrrWriter.Header header = new FrrWriter.Header(reportId, name, now, latest.map(EReports.Report::id).orElse(null),
                dossier.siren(), dossier.name());
        byte[] xml;
        List<String> documentIds = new ArrayList<>();
        if (kind.payments()) {
            List<ReportedPayment> payments = payments(dossier, kind, period);
            payments.forEach(p -> documentIds.add(p.sale().documentId()));
            xml = payments.isEmpty() ? null : FrrWriter.payments(header, kind, period, payments);
        } else {
            List<ReportedSale> sales = sales(dossier, kind, period);
            sales.forEach(s -> documentIds.add(s.documentId()));
            xml = sales.isEmpty() ? null : FrrWriter.transactions(header, kind, period, sales);
        }
        if (xml == null) {
            throw new NotPossibleException("not_reportable", "nothing to report in flow " + kind.flow() + " for " + period + ": no "
                    + (kind.aggregated() ? "B2C" : "international B2B") + (kind.payments() ? " service sale recorded paid"
                    : " sale issued") + " then");
        }
        FrrCheck.Result check = FrrCheck.check(xml);
        if (!check.passed()) {
            throw new NotPossibleException("not_reportable", "the report of flow " + kind.flow() + " for " + period + " fails its checks: "
                    + String.join("; ", check.problems()));
        }
        String sha;
        try {
            sha = blobs.put(xml).sha256();
        } catch (IOException e) {
            throw new UncheckedIOException("the report could not be stored", e);
        }
        EReports.Report report = new EReports.Report(reportId, dossier.id(), kind.flow(), period.start(), period.end(), version,
                header.correctsId(), sha, documentIds.size(), null, null, null, null, now, null);
        String event = "flow " + kind.flow() + " " + period + (version > 1 ? " (correction " + version + ")" : "")
                + ", report " + reportId;
        try {
            transactions.executeWithoutResult(tx -> {
                reports.insert(report, documentIds);
                documentIds.stream().distinct().forEach(d -> documents.appendEvent(d, new DocumentEvent(now, ACTOR,
                        "EREPORTED", null, null, event)));
            });
        } catch (DuplicateKeyException e) {
            throw new StateConflictException("already_reported", "flow " + kind.flow() + " of " + period + " is being sent by another run at"
                    + " this moment");
        }
        LOG.info("ereporting dossier={} flow {} {} v{}: {} item(s), report {}", dossier.siren(), kind.flow(), period, version,
                documentIds.size(), reportId);
        return post(dossier, kind, report);
    }

    /**
     * The automatic run: for every dossier with a PA account, each flow's period that ended last (by its regime) when
     * it was not sent and has something to report; then the reports an earlier post left behind.
     *
     * @return how many reports were posted
     */
    public int sendDue() {
        int posted = 0;
        LocalDate today = today();
        for (String dossierId : pa.dossiersWithAccount()) {
            Optional<Dossier> dossier = dossiers.findById(dossierId);
            if (dossier.isEmpty()) {
                continue;
            }
            VatRegime regime = reports.regime(dossierId);
            for (ReportKind kind : ReportKind.values()) {
                ReportPeriod period = ReportPeriod.of(regime.cadence(kind), today).previous();
                if (reports.latest(dossierId, kind, period).isPresent()) {
                    continue;
                }
                try {
                    if (send(dossier.get(), kind, period, false).flowId() != null) {
                        posted++;
                    }
                } catch (Refusal e) {
                    LOG.debug("ereporting dossier={} flow {} {}: {}", dossier.get().siren(), kind.flow(), period, e.getMessage());
                } catch (RuntimeException e) {
                    // one dossier whose report breaks must not hold back the others
                    LOG.error("ereporting dossier={} flow {} {} failed", dossier.get().siren(), kind.flow(), period, e);
                }
            }
        }
        for (EReports.Report r : reports.unposted(50)) {
            Optional<Dossier> dossier = dossiers.findById(r.dossierId());
            Optional<ReportKind> kind = ReportKind.byFlow(r.flow());
            if (dossier.isPresent() && kind.isPresent() && post(dossier.get(), kind.get(), r).flowId() != null) {
                posted++;
            }
        }
        return posted;
    }

    public List<EReports.Report> reports(Dossier dossier) {
        return reports.ofDossier(dossier.id(), 200);
    }

    public VatRegime regime(Dossier dossier) {
        return reports.regime(dossier.id());
    }

    public void setRegime(Dossier dossier, VatRegime regime) {
        reports.setRegime(dossier.id(), regime);
    }

    /** Posts a recorded report; a refusal or an unreachable PA is kept on it and the report tried again later. */
    private EReports.Report post(Dossier dossier, ReportKind kind, EReports.Report r) {
        try {
            byte[] xml;
            try (InputStream in = blobs.open(r.xmlSha256())) {
                xml = in.readAllBytes();
            }
            String name = "FRR_" + dossier.siren() + "_" + kind.flow() + "_" + r.period() + "_v" + r.version() + ".xml";
            String flowId = pa.sendReport(dossier.id(), r.id(), name, kind.processingRule(), kind.flowType(), xml);
            reports.posted(r.id(), flowId, OffsetDateTime.now(clock));
            LOG.info("ereporting dossier={} flow {} {} v{} posted to the PA as flow {}", dossier.siren(), kind.flow(),
                    r.period(), r.version(), flowId);
        } catch (PaException e) {
            reports.problem(r.id(), "not posted to the PA yet: " + e.getMessage());
            LOG.warn("ereporting dossier={} flow {} {}: not posted: {}", dossier.siren(), kind.flow(), r.period(), e.getMessage());
        } catch (IOException e) {
            reports.problem(r.id(), "the stored report could not be read: " + e.getMessage());
            LOG.error("ereporting dossier={} report {} unreadable", dossier.siren(), r.id(), e);
        }
        return reports.latest(r.dossierId(), kind, r.period()).orElse(r);
    }

    private List<ReportedSale> sales(Dossier dossier, ReportKind kind, ReportPeriod period) {
        List<ReportedSale> sales = new ArrayList<>();
        for (String documentId : reports.salesOutsideTheReform(dossier.id(), period)) {
            read(documentId).filter(s -> s.scope() == kind.scope()).ifPresent(sales::add);
            bounded(sales.size(), dossier, period);
        }
        for (ReportedSale s : sales) {
            if (!"EUR".equals(s.currency())) {
                throw new NotPossibleException("not_reportable", "invoice " + s.number() + " is in " + s.currency() + ": e-reporting"
                        + " needs its VAT in EUR, which the gateway does not hold for it");
            }
        }
        return sales;
    }

    private List<ReportedPayment> payments(Dossier dossier, ReportKind kind, ReportPeriod period) {
        List<ReportedPayment> payments = new ArrayList<>();
        for (EReports.Paid paid : reports.paidOutsideTheReform(dossier.id(), period)) {
            Optional<ReportedSale> sale = read(paid.documentId());
            if (sale.isPresent() && sale.get().scope() == kind.scope() && sale.get().paymentReported()) {
                payments.add(new ReportedPayment(sale.get(), paid.at().atZoneSameInstant(ZONE).toLocalDate()));
            }
            bounded(payments.size(), dossier, period);
        }
        return payments;
    }

    private static void bounded(int items, Dossier dossier, ReportPeriod period) {
        if (items > MAX_ITEMS) {
            throw new NotPossibleException("not_reportable", "dossier " + dossier.siren() + " has more than " + MAX_ITEMS + " sales to"
                    + " report for " + period + ": more than one report of the gateway holds");
        }
    }

    /** The sale as its Factur-X says it (the document row keeps no VAT per rate). */
    private Optional<ReportedSale> read(String documentId) {
        String sha = documents.checks(documentId).facturxSha256();
        if (sha == null) {
            return Optional.empty();
        }
        try (InputStream in = blobs.open(sha)) {
            return ReportedSale.of(documentId, reader.read(in.readAllBytes()).invoice());
        } catch (IOException | UnreadableInvoiceException e) {
            throw new NotPossibleException("not_reportable", "sales document " + documentId + " cannot be read back for e-reporting: "
                    + e.getMessage());
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }
}
