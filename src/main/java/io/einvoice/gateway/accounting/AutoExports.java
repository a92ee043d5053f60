package io.einvoice.gateway.accounting;

import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The automatic export of each dossier that asks for one: once a day (the first tick of the day) or as soon as new
 * entries are booked. What goes out are the entries never exported; each run writes its own folder
 * {@code GATEWAY_HOME/export/<SIREN>/<AAAAMMJJ-HHMMSS>/} holding the file, so the FEC keeps its legal name.
 */
public class AutoExports {

    private static final Logger LOG = LoggerFactory.getLogger(AutoExports.class);
    static final String ACTOR = "system:auto-export";
    private static final DateTimeFormatter RUN = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final ChartSettingsRepository charts;
    private final JournalRepository journal;
    private final DossierRepository dossiers;
    private final AccountingExport export;
    private final Path root;
    private final Clock clock;

    /** @param root {@code GATEWAY_HOME/export} */
    public AutoExports(ChartSettingsRepository charts, JournalRepository journal, DossierRepository dossiers,
                       AccountingExport export, Path root, Clock clock) {
        this.charts = charts;
        this.journal = journal;
        this.dossiers = dossiers;
        this.export = export;
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
                written += exportOne(dossierId);
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
        AccountingExport.Result result = null;
        try {
            result = export.notExported(dossier, settings.autoExportFormat(), settings.autoExportPdfs());
            Path folder = Files.createDirectories(root.resolve(dossier.siren()).resolve(RUN.format(LocalDateTime.now(clock))));
            Path target = folder.resolve(result.fileName());
            Files.move(result.file(), target, StandardCopyOption.REPLACE_EXISTING);
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
