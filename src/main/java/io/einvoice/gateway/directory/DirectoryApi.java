package io.einvoice.gateway.directory;

import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Role;
import io.einvoice.gateway.dossier.Siren;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotAllowedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * /api/directory (routes/directory.camel.yaml): the directory lines of a SIREN and the one that decides where its
 * invoices go; the CSV import of lines, by a firm administrator. Directory lines are public data: any caller may read.
 */
public class DirectoryApi {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryApi.class);

    private final Directory directory;
    private final DirectoryLines lines;

    public DirectoryApi(Directory directory, DirectoryLines lines) {
        this.directory = directory;
        this.lines = lines;
    }

    /** @param route the deciding line, or null (the invoice then goes by e-mail, outside the reform) */
    public record Lookup(String siren, List<DirectoryLine> lines, DirectoryLine route, String electronicAddress) {
    }

    public record ImportReport(boolean dryRun, int lines, int imported, List<String> problems) {
    }

    public Lookup lookup(Caller caller, String siren, String siret, String routingIdentifier) {
        if (Siren.problemWith(siren) != null) {
            throw new InvalidInputException("the SIREN must be 9 digits with a valid check digit");
        }
        if (siret != null && !(Siren.isValidSiret(siret) && siret.startsWith(siren))) {
            throw new InvalidInputException("siret must be 14 digits starting with the SIREN, with a valid check digit");
        }
        DirectoryLine route = directory.lineFor(siren, siret, routingIdentifier).orElse(null);
        return new Lookup(siren, directory.linesOf(siren), route, route == null ? null : route.electronicAddress());
    }

    public ImportReport importCsv(Caller caller, String dryRun, byte[] file) {
        if (!(caller instanceof Caller.Person person) || person.user().role() != Role.ADMIN) {
            throw new NotAllowedException("only a firm administrator imports directory lines");
        }
        boolean dry = "true".equalsIgnoreCase(dryRun);
        DirectoryCsv.Parsed parsed = DirectoryCsv.parse(file == null ? new byte[0] : file);
        boolean imports = !dry && parsed.problems().isEmpty();
        if (imports) {
            lines.save(parsed.lines(), "CSV");
            LOG.info("directory import by {}: {} lines", caller.label(), parsed.lines().size());
        }
        return new ImportReport(dry, parsed.lines().size(), imports ? parsed.lines().size() : 0, parsed.problems());
    }
}
