package io.einvoice.gateway.directory;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which platform receives a buyer's invoices, from the directory lines kept here: the most specific line in effect
 * for the address (SIREN + SIRET + routing code, then SIREN + SIRET, then the SIREN's generic line).
 */
public class Directory {

    private final DirectoryLines lines;

    public Directory(DirectoryLines lines) {
        this.lines = lines;
    }

    public List<DirectoryLine> linesOf(String siren) {
        return lines.ofSiren(siren);
    }

    /** @return the line that decides, or empty when the buyer has none in effect (outside the reform, or unknown) */
    public Optional<DirectoryLine> lineFor(String siren, String siret, String routingIdentifier) {
        return decide(lines.ofSiren(siren), siret, routingIdentifier);
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
