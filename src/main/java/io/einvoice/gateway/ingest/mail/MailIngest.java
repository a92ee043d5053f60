package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.archive.BlobRef;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.archive.Sha256;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.ingest.FileNames;
import io.einvoice.gateway.ingest.IncomingFile;
import io.einvoice.gateway.ingest.IncomingPart;
import io.einvoice.gateway.ingest.IngestResult;
import io.einvoice.gateway.ingest.IngestService;
import io.einvoice.gateway.ingest.UnknownDossierException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One mail of a mailbox becomes documents: the raw .eml and every part are stored and committed, with the mailbox's
 * ledger row, before this returns; only then may the route mark the mail seen or move it. A mail already in the ledger
 * (mailbox + UIDVALIDITY + UID) is not downloaded again; an attachment already stored from the same Message-ID through
 * another mailbox is not stored twice. A mail without an invoice, or for no known address, is a quarantined document
 * whose original is the .eml: never dropped. After the commit, the sender may get a receipt ({@link MailReceipts}).
 */
public class MailIngest {

    private static final Logger LOG = LoggerFactory.getLogger(MailIngest.class);

    /** Downloads the mail's bytes; called only for a mail not yet stored. */
    @FunctionalInterface
    public interface EmlSource {
        byte[] read() throws Exception;
    }

    private final MailboxRepository mailboxes;
    private final InboundAddressRepository addresses;
    private final DossierRepository dossiers;
    private final DocumentRepository documents;
    private final BlobStore blobs;
    private final IngestService ingest;
    private final MailAttachmentExtractor extractor;
    private final MailReceipts receipts;

    public MailIngest(MailboxRepository mailboxes, InboundAddressRepository addresses, DossierRepository dossiers,
                      DocumentRepository documents, BlobStore blobs, IngestService ingest,
                      MailAttachmentExtractor extractor, MailReceipts receipts) {
        this.receipts = receipts;
        this.mailboxes = mailboxes;
        this.addresses = addresses;
        this.dossiers = dossiers;
        this.documents = documents;
        this.blobs = blobs;
        this.ingest = ingest;
        this.extractor = extractor;
    }

    /** @return the documents the mail is (new or already stored); empty when the ledger says it was stored before */
    public List<IngestResult> receive(String mailboxId, String uidValidity, String uid, EmlSource source) throws Exception {
        Mailbox mailbox = mailboxes.find(mailboxId).orElseThrow(() ->
                new IllegalStateException("mailbox " + mailboxId + " was removed while it was being read"));
        if (mailboxes.alreadyStored(mailboxId, uidValidity, uid)) {
            LOG.info("mail mailbox={} uid={}:{} already stored, not read again", mailbox.label(), uidValidity, uid);
            return List.of();
        }
        byte[] eml = source.read();
        return store(mailbox, uidValidity, uid, eml, extractor.extract(eml), null);
    }

    /**
     * A mail larger than the limit, not downloaded: its headers alone become a quarantined document saying why and
     * where the mail is, recorded in the ledger like a stored mail, so the mailbox moves on past it (the reader lets
     * it be moved to the processed folder or marked seen) and the next poll does not quarantine it again.
     * @return the quarantined documents; empty when the ledger says it was recorded before
     */
    public List<IngestResult> receiveOversized(String mailboxId, String uidValidity, String uid, byte[] headers,
                                               long size, long limit, String leftIn) throws Exception {
        Mailbox mailbox = mailboxes.find(mailboxId).orElseThrow(() ->
                new IllegalStateException("mailbox " + mailboxId + " was removed while it was being read"));
        if (mailboxes.alreadyStored(mailboxId, uidValidity, uid)) {
            return List.of();
        }
        String reason = String.format(Locale.ROOT, "mail of %s exceeds the %s limit (four times GATEWAY_MAX_FILE_BYTES"
                        + " plus 1 MB), so it was not downloaded and only its headers are kept here; the mail is left"
                        + " %s of %s: ask the sender for the invoice alone, or upload it", megabytes(size),
                megabytes(limit), leftIn, mailbox.label());
        return store(mailbox, uidValidity, uid, headers, extractor.headersOnly(headers), new Refusal(reason, size));
    }

    /** Where a mail of {@code folder} is once acknowledged: the processed folder, if the mailbox moves its mails there. */
    public String acknowledgedFolder(String mailboxId, String folder) {
        return mailboxes.find(mailboxId).filter(MailboxRoutes::movesAfterPoll).map(Mailbox::processedFolder).orElse(folder);
    }

    /** "85 MB", or "1.3 MB" below 10 MB, where whole megabytes would hide the difference. */
    static String megabytes(long bytes) {
        double mb = bytes / (1024.0 * 1024.0);
        return mb < 10 ? String.format(Locale.ROOT, "%.1f MB", mb) : String.format(Locale.ROOT, "%d MB", Math.round(mb));
    }

    /** Why a mail was not read (its bytes not downloaded), and its size. */
    private record Refusal(String reason, long size) {
    }

    /** @param refused null for a mail read whole; else {@code eml} is its headers alone */
    private List<IngestResult> store(Mailbox mailbox, String uidValidity, String uid, byte[] eml, MailExtraction mail,
                                     Refusal refused) throws Exception {
        String mailboxId = mailbox.id();
        BlobRef emlBlob = blobs.put(eml);
        List<BlobRef> evidence = new ArrayList<>();
        for (MailAttachment signature : mail.evidence()) {
            evidence.add(blobs.put(signature.content()));
        }
        String origin = origin(mailbox, uidValidity, uid, mail, emlBlob, evidence, refused);
        String delivery = mail.messageId() != null ? "msgid:" + mail.messageId()
                : "uid:" + mailboxId + ":" + uidValidity + ":" + uid;

        List<IncomingPart> parts = new ArrayList<>();
        List<Boolean> invoiceParts = new ArrayList<>(); // not the mail kept as "no invoice" or "unrouted"
        for (Destination destination : destinations(mailbox, mail)) {
            String transport = "mail:" + destination.direction().name().charAt(0) + ":" + delivery;
            if (refused != null) {
                String reason = destination.quarantineReason() == null ? refused.reason()
                        : refused.reason() + "; also, " + destination.quarantineReason();
                parts.add(part(destination, transport + "#oversized", fileNameOf(mail).replaceAll("\\.eml$", " (headers only).eml"),
                        eml, reason, origin));
                invoiceParts.add(false);
            } else if (destination.quarantineReason() != null) {
                parts.add(part(destination, transport + "#unrouted", fileNameOf(mail), eml, destination.quarantineReason(), origin));
                invoiceParts.add(false);
            } else if (mail.invoices().isEmpty()) {
                parts.add(part(destination, transport + "#no-invoice", fileNameOf(mail), eml, noInvoiceReason(mail), origin));
                invoiceParts.add(false);
            } else {
                for (MailAttachment a : mail.invoices()) {
                    parts.add(part(destination, transport + "#" + Sha256.of(a.content()), a.fileName(),
                            a.content(), a.quarantineReason(), origin));
                    invoiceParts.add(true);
                }
            }
        }
        List<IngestResult> results = ingest.receiveAll(parts, () -> {
            documents.recordBlob(emlBlob.sha256(), emlBlob.size(), "message/rfc822");
            for (BlobRef signature : evidence) {
                documents.recordBlob(signature.sha256(), signature.size(), "application/pkcs7-signature");
            }
            mailboxes.recordStored(mailboxId, uidValidity, uid, mail.messageId(), emlBlob.sha256(), parts.size());
        });
        LOG.info("mail mailbox={} uid={}:{} message-id={} stored: {} document(s) {}", mailbox.label(), uidValidity, uid,
                mail.messageId(), results.size(), results.stream().map(IngestResult::documentId).toList());
        // only what this delivery stored: a part stored before (same mail through another mailbox) had its receipt
        List<MailReceipts.Stored> fresh = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (invoiceParts.get(i) && !results.get(i).redelivery()) {
                fresh.add(new MailReceipts.Stored(parts.get(i).file().dossierSiren(), results.get(i).documentId(),
                        FileNames.sanitize(parts.get(i).file().fileName())));
            }
        }
        if (!fresh.isEmpty()) {
            receipts.afterStored(eml, fresh);
        }
        return results;
    }

    private List<Destination> destinations(Mailbox mailbox, MailExtraction mail) {
        if (!mailbox.catchAll()) {
            Dossier dossier = dossiers.findById(mailbox.dossierId())
                    .orElseThrow(() -> new IllegalStateException("mailbox " + mailbox.id() + " has no dossier"));
            return List.of(new Destination(dossier.siren(), mailbox.direction(), null));
        }
        RecipientRouter.Routing routing = RecipientRouter.route(mail.recipients(), mailbox.domain(),
                addresses.ofFirm(mailbox.firmId()));
        if (!routing.targets().isEmpty()) {
            return routing.targets().stream().map(t -> new Destination(t.siren(), t.direction(), null)).toList();
        }
        Dossier firmOwn = dossiers.findByFirm(mailbox.firmId()).stream().filter(Dossier::firmOwn).findFirst()
                .orElseThrow(() -> new IllegalStateException("a mail for no known address arrived in the catch-all"
                        + " mailbox, and the firm has no own dossier to keep it in: create the firm's own dossier;"
                        + " the mail stays in the mailbox until then"));
        String reason = routing.unknown().isEmpty()
                ? "no recipient of this mail is an address of @" + mailbox.domain() + " (recipients: "
                        + String.join(", ", mail.recipients()) + ")"
                : "no dossier has the inbound address " + String.join(", ", routing.unknown())
                        + ": give a dossier this address (PUT /api/dossiers/{siren}/mailboxes), then replay this mail";
        return List.of(new Destination(firmOwn.siren(), Direction.PURCHASE, reason));
    }

    private static IncomingPart part(Destination destination, String transportId, String fileName, byte[] content,
                                     String quarantineReason, String origin) {
        return new IncomingPart(new IncomingFile(destination.siren(), destination.direction(), Channel.MAIL, fileName,
                transportId), content, quarantineReason, origin);
    }

    private static String noInvoiceReason(MailExtraction mail) {
        return "no invoice found in this mail" + (mail.skipped().isEmpty() ? " (it has no attachment)"
                : ": " + String.join("; ", mail.skipped()));
    }

    private static String fileNameOf(MailExtraction mail) {
        String subject = mail.subject() == null || mail.subject().isBlank() ? "mail" : mail.subject();
        return subject + ".eml";
    }

    private static String origin(Mailbox mailbox, String uidValidity, String uid, MailExtraction mail, BlobRef eml,
                                 List<BlobRef> evidence, Refusal refused) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "mail %s from %s, subject \"%s\", mailbox %s, uid %s:%s,",
                mail.messageId(), mail.from(), mail.subject(), mailbox.label(), uidValidity, uid));
        if (refused == null) {
            s.append(String.format(Locale.ROOT, " original mail sha256 %s (%,d bytes)", eml.sha256(), eml.size()));
        } else {
            s.append(String.format(Locale.ROOT, " %,d bytes, not downloaded; its headers kept, sha256 %s", refused.size(),
                    eml.sha256()));
        }
        for (int i = 0; i < evidence.size(); i++) {
            s.append("; signature ").append(mail.evidence().get(i).fileName()).append(" kept, sha256 ")
                    .append(evidence.get(i).sha256());
        }
        if (!mail.skipped().isEmpty()) {
            s.append("; left out: ").append(String.join("; ", mail.skipped()));
        }
        return s.toString();
    }

    private record Destination(String siren, Direction direction, String quarantineReason) {
    }
}
