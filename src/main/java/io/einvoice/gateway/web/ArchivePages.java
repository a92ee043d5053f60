package io.einvoice.gateway.web;

import io.einvoice.gateway.api.ArchiveApi;
import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.archive.ArchiveEntry;
import io.einvoice.gateway.archive.ArchiveQuery;
import io.einvoice.gateway.archive.ArchiveRepository;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.vertx.ext.web.RoutingContext;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The archive of a dossier: search by number or party, an entry with its hashes and files. */
public class ArchivePages {

    static final int PAGE_SIZE = 50;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final AccessService access;
    private final ArchiveRepository archive;
    private final ArchiveApi archiveApi;

    public ArchivePages(AccessService access, ArchiveRepository archive, ArchiveApi archiveApi) {
        this.access = access;
        this.archive = archive;
        this.archiveApi = archiveApi;
    }

    public record EntryLine(long seq, String number, String seller, String amount, String issued, String archivedAt) {
    }

    public record SearchPage(Frame frame, String siren, String q, String party, long total, List<EntryLine> entries) {
    }

    public record EntryPage(Frame frame, String siren, EntryLine line, ArchiveEntry entry, String documentId) {
    }

    Reply search(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        String q = text(ctx.queryParams().get("q"));
        String party = text(ctx.queryParams().get("party"));
        ArchiveRepository.Page page = archive.search(dossier.id(),
                new ArchiveQuery(q, party, null, null, null, null, null, null, null, null, null, PAGE_SIZE, 0));
        Frame frame = Frame.of(t, t.lookup("archive.title"), session).inDossier(dossier.siren(), dossier.name());
        return Reply.page("archive.jte", new SearchPage(frame, dossier.siren(), q, party, page.total(),
                page.entries().stream().map(this::line).toList()));
    }

    Reply entry(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        ArchiveEntry entry;
        try {
            entry = archive.find(dossier.id(), Long.parseLong(ctx.pathParam("seq"))).orElseThrow(() -> new NotVisibleException("entry"));
        } catch (NumberFormatException e) {
            throw new NotVisibleException("entry");
        }
        EntryLine line = line(entry);
        Frame frame = Frame.of(t, t.lookup("archive.entry") + " " + entry.seq(), session).inDossier(dossier.siren(), dossier.name());
        return Reply.page("archive-entry.jte", new EntryPage(frame, dossier.siren(), line, entry, entry.documentId()));
    }

    Reply file(RoutingContext ctx, WebSession.Session session, Messages t) throws Exception {
        return new Reply.File(archiveApi.file(session.person(), ctx.pathParam("siren"), ctx.pathParam("seq"), ctx.pathParam("kind")));
    }

    /** From the entry's own sealed metadata: what was archived, and no query per line. */
    private EntryLine line(ArchiveEntry entry) {
        com.fasterxml.jackson.databind.JsonNode m = Json.readTree(entry.metadataJson());
        String total = text(m, "totalInclVat");
        String issued = text(m, "issueDate");
        return new EntryLine(entry.seq(), text(m, "number"), m.path("seller").path("name").asText(""),
                total.isEmpty() ? "" : Amounts.french(new java.math.BigDecimal(total), m.path("currency").asText(null)),
                issued.isEmpty() ? "" : DAY.format(java.time.LocalDate.parse(issued)),
                MINUTE.format(entry.archivedAt().atZone(ZoneId.of("Europe/Paris"))));
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node, String field) {
        return node.path(field).isNull() ? "" : node.path(field).asText("");
    }

    private Dossier dossier(WebSession.Session session, String siren) {
        return access.visibleDossier(session.person(), siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
    }

    private static String text(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 100) {
            throw new Form.BadInput("form.fieldTooLong");
        }
        return value.strip();
    }
}
