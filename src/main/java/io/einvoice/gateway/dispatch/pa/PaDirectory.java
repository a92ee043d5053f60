package io.einvoice.gateway.dispatch.pa;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.directory.Directory;
import io.einvoice.gateway.directory.DirectoryCsv;
import io.einvoice.gateway.directory.DirectoryLine;
import io.einvoice.gateway.directory.DirectoryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The directory (annuaire) as the selling dossier's PA serves it: the XP Z12-013 Directory Service at the account's
 * base URL, with the account's credentials. Each line answered is checked as an imported one is ({@link
 * DirectoryCsv#checked}); a line that fails is left out and counted in the log, never stored. A PA that serves no
 * directory (405, 501) or refuses the question (another 4xx) is no directory to ask: the lines kept here decide. One
 * that does not answer, answers 5xx or refuses the credentials cannot be asked now: said to the caller.
 */
public class PaDirectory implements Directory.Remote {

    private static final Logger LOG = LoggerFactory.getLogger(PaDirectory.class);
    /** A SIREN has a generic line, one per SIRET and per routing code: a hundred is far beyond a real company. */
    static final int MAX_LINES = 100;

    private final PaApi api;
    private final PaDispatcher dispatcher;

    public PaDirectory(PaApi api, PaDispatcher dispatcher) {
        this.api = api;
        this.dispatcher = dispatcher;
    }

    @Override
    public Optional<List<DirectoryLine>> linesOf(String dossierId, String siren) throws DirectoryUnavailableException {
        Optional<PaApi.Credentials> credentials = dispatcher.credentials(dossierId);
        if (credentials.isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonNode> answer;
        try {
            answer = api.directoryLines(credentials.get(), siren);
        } catch (PaException e) {
            if (e.kind() == PaException.Kind.REFUSED) {
                // the PA refused the question itself: it offers no usable directory, the lines kept here decide
                LOG.warn("directory at the PA not asked about {}: {}", siren, e.getMessage());
                return Optional.empty();
            }
            throw new DirectoryUnavailableException("the directory could not be asked at the PA: " + e.getMessage(), e);
        }
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        JsonNode results = answer.get();
        List<DirectoryLine> lines = new ArrayList<>();
        int refused = 0;
        for (JsonNode r : results) {
            if (lines.size() >= MAX_LINES) {
                break;
            }
            DirectoryLine line = DirectoryCsv.checked(text(r, "addressingIdentifier"), text(r, "siren"), text(r, "siret"),
                    text(r.path("routingCode"), "routingIdentifier"), text(r, "addressingSuffix"), text(r, "platformType"),
                    text(r, "directoryLineStatus"), new ArrayList<>());
            if (line == null) {
                refused++;
            } else {
                lines.add(line);
            }
        }
        if (refused > 0) {
            LOG.warn("directory at the PA: {} line(s) of {} left out, not in the form the Directory Service describes",
                    refused, siren);
        }
        return Optional.of(lines);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText().strip();
    }
}
