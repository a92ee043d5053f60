package io.einvoice.gateway.web;

import io.einvoice.gateway.approval.ApprovalQueries;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.document.InboxListing;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.ingest.IncomingFile;
import io.einvoice.gateway.ingest.IngestResult;
import io.einvoice.gateway.ingest.IngestService;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** The firm's home (its dossiers and what each asks for) and a dossier's inbox of purchase documents, with upload. */
public class DossierPages {

    private static final Logger LOG = LoggerFactory.getLogger(DossierPages.class);
    /** Files per upload: a drop of a whole folder goes in several sends, never one unbounded request. */
    static final int MAX_FILES = 20;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final AccessService access;
    private final ApprovalQueries counters;
    private final InboxListing inbox;
    private final IngestService ingest;
    private final Consumer<IngestResult> handOn;

    /**
     * @param handOn to {@code direct:ingest-committed} (routes/ingest.camel.yaml): the pages are not routes, so an
     *               upload here hands its committed document to the pipeline's entry from Java
     */
    public DossierPages(AccessService access, ApprovalQueries counters, InboxListing inbox, IngestService ingest,
                        Consumer<IngestResult> handOn) {
        this.handOn = handOn;
        this.access = access;
        this.counters = counters;
        this.inbox = inbox;
        this.ingest = ingest;
    }

    public record DossierCard(String siren, String name, long toProcess, long toCheck, long toExport) {
    }

    public record HomePage(Frame frame, String q, List<DossierCard> dossiers) {
    }

    Reply home(WebSession.Session session, Messages t, String q) {
        String search = q == null || q.isBlank() ? null : q.strip();
        if (search != null && search.length() > InboxListing.MAX_TEXT) {
            throw new Form.BadInput("form.fieldTooLong");
        }
        List<DossierCard> cards = new ArrayList<>();
        for (Dossier d : access.visibleDossiers(session.person())) {
            if (search == null || d.siren().contains(search)
                    || d.name().toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT))) {
                ApprovalQueries.Counters c = counters.counters(d.id());
                cards.add(new DossierCard(d.siren(), d.name(), c.toProcess(), c.toCheck(), c.toExport()));
            }
        }
        return Reply.page("home.jte", new HomePage(Frame.of(t, t.lookup("home.title"), session), search, cards));
    }

    /** One line of the inbox as shown: amounts and dates already written the French way. */
    public record RowView(String id, String fileName, DocumentStatus status, String statusLabel, String statusReason,
                          String supplier, String number, String amount, String date, String channel,
                          List<String> checkReasons, String receivedAt) {
    }

    public record InboxPage(Frame frame, String siren, String status, String channel, String q, boolean toCheck,
                            int page, boolean more, List<RowView> rows, String rowsUrl, String query,
                            List<String> statuses, List<String> channels, String uploaded) {
    }

    public record RowsFragment(Messages t, List<RowView> rows, String rowsUrl) {
    }

    Reply inbox(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        InboxListing.Filter filter = filter(ctx.queryParams());
        InboxListing.Page page = inbox.find(dossier.id(), filter);
        String query = query(filter);
        Frame frame = Frame.of(t, dossier.name(), session).inDossier(dossier.siren(), dossier.name());
        return Reply.page("inbox.jte", new InboxPage(frame, dossier.siren(), name(filter.status()), name(filter.channel()),
                filter.text(), filter.toCheckOnly(), filter.page(), page.more(), rows(t, page.rows()),
                "/dossiers/" + dossier.siren() + "/rows?" + query, query,
                Arrays.stream(DocumentStatus.values()).filter(s -> s != DocumentStatus.DRAFT && s != DocumentStatus.SENT)
                        .map(Enum::name).toList(),
                Arrays.stream(Channel.values()).filter(c -> c != Channel.CREATED).map(Enum::name).toList(),
                ctx.queryParams().get("uploaded")));
    }

    /** The rows alone, for the page's periodic refresh: statuses move while the person looks. */
    Reply rows(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        InboxListing.Filter filter = filter(ctx.queryParams());
        List<RowView> rows = rows(t, inbox.find(dossier.id(), filter).rows());
        return Reply.page("rows.jte", new RowsFragment(t, rows, "/dossiers/" + dossier.siren() + "/rows?" + query(filter)));
    }

    /**
     * Several files from the page's drop zone (one request per file, with progress) or its plain file input (all in
     * one): each goes through the same ingest as the API's upload, then the inbox shows them.
     */
    Reply upload(RoutingContext ctx, WebSession.Session session, Messages t) throws Exception {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        List<FileUpload> files = ctx.fileUploads();
        try {
            if (files.isEmpty()) {
                throw new Form.BadInput("upload.none");
            }
            if (files.size() > MAX_FILES) {
                throw new Form.BadInput("upload.tooMany");
            }
            int received = 0;
            for (FileUpload file : files) {
                IncomingFile incoming = new IncomingFile(dossier.siren(), Direction.PURCHASE, Channel.UPLOAD,
                        file.fileName(), null);
                try (InputStream content = Files.newInputStream(Path.of(file.uploadedFileName()))) {
                    IngestResult result = ingest.receive(incoming, content);
                    handOn.accept(result);
                    LOG.info("web upload dossier {} document {} {} by {}", dossier.siren(), result.documentId(),
                            result.status(), session.person().label());
                    received++;
                }
            }
            return new Reply.Redirect("/dossiers/" + dossier.siren() + "?uploaded=" + received);
        } finally {
            for (FileUpload file : files) {
                Files.deleteIfExists(Path.of(file.uploadedFileName()));
            }
        }
    }

    Dossier dossier(WebSession.Session session, String siren) {
        return access.visibleDossier(session.person(), siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
    }

    static InboxListing.Filter filter(MultiMap params) {
        try {
            String page = params.get("page");
            return new InboxListing.Filter(choice(DocumentStatus.class, params.get("status")),
                    choice(Channel.class, params.get("channel")), params.get("q"), "1".equals(params.get("toCheck")),
                    page == null || page.isBlank() ? 1 : Integer.parseInt(page.strip()));
        } catch (IllegalArgumentException e) {
            throw new Form.BadInput("inbox.badFilter");
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value) {
        return value == null || value.isBlank() ? null : Enum.valueOf(type, value.strip());
    }

    static String query(InboxListing.Filter filter) {
        List<String> parts = new ArrayList<>();
        if (filter.status() != null) {
            parts.add("status=" + filter.status().name());
        }
        if (filter.channel() != null) {
            parts.add("channel=" + filter.channel().name());
        }
        if (filter.text() != null) {
            parts.add("q=" + URLEncoder.encode(filter.text(), StandardCharsets.UTF_8));
        }
        if (filter.toCheckOnly()) {
            parts.add("toCheck=1");
        }
        parts.add("page=" + filter.page());
        return String.join("&", parts);
    }

    private static List<RowView> rows(Messages t, List<InboxListing.Row> rows) {
        return rows.stream().map(r -> new RowView(r.id(), r.fileName(), r.status(),
                t.labelOf("status", r.status().name()), r.statusReason(), r.supplier(), r.number(),
                Amounts.french(r.totalInclVat(), r.currency()),
                r.issueDate() == null ? "" : DAY.format(r.issueDate()), t.labelOf("channel", r.channel().name()),
                r.checkReasons(), MINUTE.format(r.receivedAt().atZoneSameInstant(java.time.ZoneId.of("Europe/Paris")))))
                .toList();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
