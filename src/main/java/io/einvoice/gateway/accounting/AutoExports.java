package io.einvoice.gateway.accounting;

import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import io.einvoice.gateway.dispatch.DispatchOutcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The automatic export of each dossier that asks for one: once a day (the first tick of the day) or as soon as new
 * entries are booked. What goes out are the entries never exported; each run writes its own folder
 * {@code GATEWAY_HOME/export/<SIREN>/<AAAAMMJJ-HHMMSS>/} holding the file, so the FEC keeps its legal name. A dossier
 * whose target is {@link AutoExport.Target#EMAIL} has the file mailed to its accountant first; only a mail the server
 * took marks the entries exported, and a refused one is tried again after {@link #MAIL_RETRY} (not at every tick), or
 * at once when the address or the dossier's SMTP settings change.
 */
public class AutoExports {

    private static final Logger LOG = LoggerFactory.getLogger(AutoExports.class);
    static final String ACTOR = "system:auto-export";
    private static final DateTimeFormatter RUN = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    static final Duration MAIL_RETRY = Duration.ofMinutes(5);

    private final ChartSettingsRepository charts;
    private final JournalRepository journal;
    private final DossierRepository dossiers;
    private final AccountingExport export;
    private final ExportMailer mailer;
    private final Path root;
    private final Clock clock;
    /** dossier id → the last refused mail: not tried again before its time unless the address or SMTP server change */
    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();

    private record Refusal(ExportMailer.Route route, Instant until) {
    }

    /** @param root {@code GATEWAY_HOME/export} */
    public AutoExports(ChartSettingsRepository charts, JournalRepository journal, DossierRepository dossiers,
                       AccountingExport export, ExportMailer mailer, Path root, Clock clock) {
        this.charts = charts;
        this.journal = journal;
        this.dossiers = dossiers;
        this.export = export;
        this.mailer = mailer;
        this.root = root;
        this.clock = clock;
    }

    /** @return how many files were written */
    public int run() {
        int written = 0;
        LocalDate today = LocalDate.now(clock);
        for (String dossierId : charts.dossiersExporting(AutoExport.ON_APPROVAL)) {
            if (!journal.notExported(dossierId).isEmpty()) {
                written += exportOne(dossierId);
            }
        }
        for (String dossierId : charts.dossiersExporting(AutoExport.DAILY)) {
            if (!journal.notExported(dossierId).isEmpty() && charts.claimDailyRun(dossierId, today)) {
                int done = exportOne(dossierId);
                if (done == 0) {
                    // a failed day is tried again at a later tick, not tomorrow
                    charts.releaseDailyRun(dossierId, today);
                }
                written += done;
            }
        }
        return written;
    }

    private int exportOne(String dossierId) {
        Dossier dossier = dossiers.findById(dossierId).orElse(null);
        if (dossier == null) {
            return 0;
        }
        ChartSettings settings = charts.get(dossierId);
        boolean byMail = settings.autoExportTarget() == AutoExport.Target.EMAIL;
        if (byMail && waiting(dossierId, settings.autoExportEmail())) {
            return 0;
        }
        AccountingExport.Result result = null;
        try {
            result = export.notExported(dossier, settings.autoExportFormat(), settings.autoExportPdfs());
            if (byMail) {
                if (!mailed(dossier, settings.autoExportEmail(), result)) {
                    return 0;
                }
                // the accountant has it: marked now, so a folder that cannot be written never sends it twice
                export.markExported(dossier, result, ACTOR);
                keepCopy(dossier, result);
                return 1;
            }
            Path target = keep(dossier, result);
            export.markExported(dossier, result, ACTOR);
            LOG.info("auto-export dossier={} wrote {} ({} entries)", dossier.siren(), target, result.entries().size());
            return 1;
        } catch (IOException | RuntimeException e) {
            LOG.error("auto-export dossier={} failed, tried again at the next tick: {}. Check that {} is writable",
                    dossier.siren(), e.getMessage(), root, e);
            return 0;
        } finally {
            deleteLeftOver(result);
        }
    }

    private Path keep(Dossier dossier, AccountingExport.Result result) throws IOException {
        Path folder = Files.createDirectories(root.resolve(dossier.siren()).resolve(RUN.format(LocalDateTime.now(clock))));
        Path target = folder.resolve(result.fileName());
        Files.move(result.file(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private void keepCopy(Dossier dossier, AccountingExport.Result result) {
        try {
            keep(dossier, result);
        } catch (IOException e) {
            LOG.warn("auto-export dossier={} was mailed but its copy could not be kept in {}: {}. Check that the folder is"
                    + " writable", dossier.siren(), root, e.getMessage());
        }
    }

    private boolean waiting(String dossierId, String to) {
        Refusal last = refusals.get(dossierId);
        return last != null && clock.instant().isBefore(last.until()) && last.route().equals(mailer.route(dossierId, to));
    }

    private boolean mailed(Dossier dossier, String to, AccountingExport.Result result) throws IOException {
        ExportMailer.Route route = mailer.route(dossier.id(), to);
        DispatchOutcome outcome = mailer.send(dossier, to, result);
        if (!outcome.delivered()) {
            refusals.put(dossier.id(), new Refusal(route, clock.instant().plus(MAIL_RETRY)));
            LOG.error("auto-export dossier={} not mailed to {} ({}): {}; nothing marked exported, tried again in {} min or once the address or SMTP settings change",
                    dossier.siren(), to, outcome.status(), String.join("; ", outcome.reasons()), MAIL_RETRY.toMinutes());
            return false;
        }
        refusals.remove(dossier.id());
        LOG.info("auto-export dossier={} mailed {} to {} ({})", dossier.siren(), result.fileName(), to, outcome.reference());
        return true;
    }

    /** The temporary file of a run that could not be moved into the folder. */
    private static void deleteLeftOver(AccountingExport.Result result) {
        if (result != null) {
            try {
                Files.deleteIfExists(result.file());
            } catch (IOException e) {
                LOG.warn("auto-export could not delete its temporary file {}: {}", result.file(), e.getMessage());
            }
        }
    }
}
