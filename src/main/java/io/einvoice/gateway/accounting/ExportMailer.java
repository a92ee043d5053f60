package io.einvoice.gateway.accounting;

import io.einvoice.gateway.dispatch.DispatchOutcome;
import io.einvoice.gateway.dispatch.EmailSender;
import io.einvoice.gateway.dispatch.SmtpSettings;
import io.einvoice.gateway.dispatch.SmtpSettingsStore;
import io.einvoice.gateway.dossier.Dossier;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * Mails an automatic export to the dossier's accountant through the dossier's own SMTP server, the one its sales
 * invoices leave by. What came of it is a {@link DispatchOutcome}: the entries are marked exported only once the
 * server took the mail.
 */
public class ExportMailer {

    /** Most mail servers refuse larger messages; a bigger export (PDFs of a busy month) goes to the folder only. */
    static final long MAX_ATTACHMENT_BYTES = 20L * 1024 * 1024;

    private final SmtpSettingsStore smtp;
    private final EmailSender sender;

    public ExportMailer(SmtpSettingsStore smtp, EmailSender sender) {
        this.smtp = smtp;
        this.sender = sender;
    }

    /** Where a mail of the dossier would go and how: equal routes fail alike, a changed one deserves a new try. */
    public record Route(Optional<SmtpSettings> server, String to) {
    }

    public Route route(String dossierId, String to) {
        return new Route(smtp.find(dossierId), to);
    }

    /** Whether the dossier has an SMTP server to mail through. */
    public boolean canMail(String dossierId) {
        return smtp.find(dossierId).isPresent();
    }

    public DispatchOutcome send(Dossier dossier, String to, AccountingExport.Result export) throws IOException {
        Optional<SmtpSettings> server = smtp.find(dossier.id());
        if (server.isEmpty()) {
            return DispatchOutcome.failed(true, null, "NO_SMTP", List.of("the dossier has no SMTP settings: set them"
                    + " (PUT /api/dossiers/" + dossier.siren() + "/smtp) or export to the folder"));
        }
        long size = Files.size(export.file());
        if (size > MAX_ATTACHMENT_BYTES) {
            return DispatchOutcome.failed(false, null, "TOO_LARGE", List.of("the export is " + size / (1024 * 1024)
                    + " MB, more than the " + MAX_ATTACHMENT_BYTES / (1024 * 1024) + " MB a mail may carry: export"
                    + " to the folder, or without the PDFs"));
        }
        SmtpSettings s = server.get();
        String subject = "Export comptable " + dossier.name() + " (" + dossier.siren() + ") : " + export.entries().size()
                + " écritures";
        String body = "Bonjour,\n\nVeuillez trouver ci-joint l'export comptable (" + export.format().name() + ") du dossier "
                + dossier.name() + ", SIREN " + dossier.siren() + " : " + export.entries().size()
                + " écritures jamais exportées jusqu'ici.\n\nCe message est envoyé automatiquement par la passerelle.\n";
        return sender.send(s, smtp.password(dossier.id(), s), new EmailSender.Mail(s.sender(), to, subject, body,
                export.fileName(), export.mediaType(), Files.readAllBytes(export.file())));
    }
}
