package io.einvoice.gateway.directory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which platform receives a buyer's invoices: the most specific line in effect for the address (SIREN + SIRET +
 * routing code, then SIREN + SIRET, then the SIREN's generic line). Lines come from a CSV import, or from a directory
 * service (XP Z12-013 Directory Service, asked through the selling dossier's PA), kept here as a cache: a SIREN is
 * asked again once its answer is older than {@link #FRESH}; lines a person imported are never overridden by the API.
 * When the service cannot be asked, the lines kept here decide; with none, the caller is told so rather than led to
 * believe the buyer is outside the reform.
 */
public class Directory {

    private static final Logger LOG = LoggerFactory.getLogger(Directory.class);
    /** The directory changes when a company chooses another platform: a day-old answer is still a good one. */
    static final Duration FRESH = Duration.ofHours(24);

    /** A directory service. */
    public interface Remote {
        /**
         * @return the SIREN's lines as the service answers them (none: no line there), or empty when this dossier has no
         * service to ask
         */
        Optional<List<DirectoryLine>> linesOf(String dossierId, String siren) throws DirectoryUnavailableException;
    }

    private final DirectoryLines lines;
    private final Remote remote;
    private final Clock clock;

    public Directory(DirectoryLines lines, Remote remote, Clock clock) {
        this.lines = lines;
        this.remote = remote;
        this.clock = clock;
    }

    public List<DirectoryLine> linesOf(String siren) {
        return lines.ofSiren(siren);
    }

    /** From the lines kept here only (the lookup API). */
    public Optional<DirectoryLine> lineFor(String siren, String siret, String routingIdentifier) {
        return decide(lines.ofSiren(siren), siret, routingIdentifier);
    }

    /**
     * For an invoice of {@code dossierId}: the service asked first when the SIREN's answer kept here is missing or stale.
     *
     * @return the line that decides, or empty when the buyer has none in effect (outside the reform, or unknown)
     */
    public Optional<DirectoryLine> lineFor(String dossierId, String siren, String siret, String routingIdentifier)
            throws DirectoryUnavailableException {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!lines.imported(siren) && lines.askedAt(siren).map(at -> at.isBefore(now.minus(FRESH))).orElse(true)) {
            try {
                Optional<List<DirectoryLine>> answer = remote.linesOf(dossierId, siren);
                if (answer.isPresent()) {
                    lines.replaceFromService(siren, answer.get(), now);
                }
            } catch (DirectoryUnavailableException e) {
                if (lines.ofSiren(siren).isEmpty()) {
                    throw e;
                }
                LOG.warn("directory: {} not asked again ({}); the lines kept here decide", siren, e.getMessage());
            }
        }
        return lineFor(siren, siret, routingIdentifier);
    }

    static Optional<DirectoryLine> decide(List<DirectoryLine> candidates, String siret, String routingIdentifier) {
        return candidates.stream()
                .filter(DirectoryLine::enabled)
                .filter(l -> l.addressingSuffix() == null)
                .filter(l -> l.siret() == null || l.siret().equals(siret))
                .filter(l -> l.routingIdentifier() == null || Objects.equals(l.routingIdentifier(), routingIdentifier))
                .max(Comparator.comparingInt(DirectoryLine::specificity));
    }
}
