package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.facturx.SampleInvoices;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.einvoice.gateway.ingest.mail.MailAttachment.Kind.ARCHIVE;
import static io.einvoice.gateway.ingest.mail.MailAttachment.Kind.IMAGE;
import static io.einvoice.gateway.ingest.mail.MailAttachment.Kind.PDF;
import static io.einvoice.gateway.ingest.mail.MailAttachment.Kind.XML;
import static io.einvoice.gateway.ingest.mail.TestMails.mail;
import static org.assertj.core.api.Assertions.assertThat;

/** The extractor on real MIME built with Jakarta Mail; no Camel, no server. */
class MailAttachmentExtractorTest {

    private final MailAttachmentExtractor extractor = new MailAttachmentExtractor(new ZipLimits(20, 5 * 1024 * 1024, 8 * 1024 * 1024));

    @Test
    void aFacturXPdfAndCiiAndUblXmlAttachmentsAreInvoicesWithTheirExactBytes() throws Exception {
        byte[] pdf = SampleInvoices.facturXPdf("MX-1");
        byte[] cii = SampleInvoices.ciiXml("MX-2");
        byte[] ubl = SampleInvoices.ublXml("MX-3");
        MailExtraction m = extractor.extract(mail("Factures").text("Bonjour, ci-joint.")
                .attach("facture.pdf", "application/pdf", pdf)
                .attach("cii.xml", "application/xml", cii)
                .attach("ubl.xml", "application/octet-stream", ubl).eml());

        assertThat(m.invoices()).extracting(MailAttachment::fileName).containsExactly("facture.pdf", "cii.xml", "ubl.xml");
        assertThat(m.invoices()).extracting(MailAttachment::kind).containsExactly(PDF, XML, XML);
        assertThat(m.invoices().get(0).content()).isEqualTo(pdf);
        assertThat(m.invoices().get(1).content()).isEqualTo(cii);
        assertThat(m.invoices().get(2).content()).isEqualTo(ubl);
        assertThat(m.skipped()).isEmpty();
    }

    @Test
    void scannedJpegPngAndTiffImagesAreInvoiceCandidates() throws Exception {
        MailExtraction m = extractor.extract(mail("Scans")
                .attach("scan.jpg", "image/jpeg", TestMails.image("jpeg", 200, 200))
                .attach("scan.png", "image/png", TestMails.image("png", 100, 100))
                .attach("scan.tif", "image/tiff", TestMails.image("tiff", 100, 100)).eml());

        assertThat(m.invoices()).extracting(MailAttachment::kind).containsExactly(IMAGE, IMAGE, IMAGE);
        assertThat(m.invoices()).extracting(MailAttachment::fileName).containsExactly("scan.jpg", "scan.png", "scan.tif");
    }

    @Test
    void logosShownByTheHtmlBodyAndTrackingPixelsAreLeftOutButAnInlinePdfIsKept() throws Exception {
        byte[] logo = TestMails.image("png", 60, 30);
        byte[] pdf = SampleInvoices.facturXPdf("MX-INLINE");
        MailExtraction m = extractor.extract(mail("Apple Mail")
                .html("<p>Bonjour</p><img src=\"cid:logo123@mail\"><img src=\"https://t.example/p.png\">")
                .inline("logo.png", "image/png", logo, "logo123@mail")
                .attach("pixel.png", "image/png", TestMails.image("png", 1, 1))
                .inline("Facture.pdf", "application/pdf", pdf, null).eml());

        assertThat(m.invoices()).extracting(MailAttachment::fileName).containsExactly("Facture.pdf");
        assertThat(m.invoices().get(0).content()).isEqualTo(pdf);
        assertThat(m.skipped()).anySatisfy(s -> assertThat(s).startsWith("logo.png").contains("logo or signature"))
                .anySatisfy(s -> assertThat(s).startsWith("pixel.png").contains("tracking pixel"));
    }

    @Test
    void aLargeImageShownInTheBodyIsAScanNotALogo() throws Exception {
        byte[] scan = TestMails.image("png", 300, 300); // ~270 kB of noise
        MailExtraction m = extractor.extract(mail("Scan collé").html("<img src=\"cid:scan@x\">")
                .inline("scan.png", "image/png", scan, "scan@x").eml());

        assertThat(m.invoices()).extracting(MailAttachment::fileName).containsExactly("scan.png");
    }

    @Test
    void anInvoiceInAForwardedMailInsideAForwardedMailIsFound() throws Exception {
        byte[] pdf = SampleInvoices.facturXPdf("MX-FWD");
        byte[] original = mail("Facture MX-FWD").text("ci-joint").attach("fwd.pdf", "application/pdf", pdf).eml();
        byte[] forwardedOnce = mail("TR: Facture MX-FWD").text("voir ci-dessous").forward(original).eml();
        byte[] forwardedTwice = mail("TR: TR: Facture MX-FWD").text("pour la compta").forward(forwardedOnce).eml();

        MailExtraction m = extractor.extract(forwardedTwice);

        assertThat(m.invoices()).hasSize(1);
        assertThat(m.invoices().get(0).fileName()).isEqualTo("fwd.pdf");
        assertThat(m.invoices().get(0).content()).isEqualTo(pdf);
        assertThat(m.subject()).isEqualTo("TR: TR: Facture MX-FWD");
    }

    @Test
    void aZipOfInvoicesIsOpened() throws Exception {
        byte[] pdf = SampleInvoices.facturXPdf("MX-ZIP-1");
        byte[] cii = SampleInvoices.ciiXml("MX-ZIP-2");
        MailExtraction m = extractor.extract(mail("Archive").attach("factures.zip", "application/zip",
                TestMails.zip("2026/MX-ZIP-1.pdf", pdf, "MX-ZIP-2.xml", cii, "lisezmoi.txt",
                        "bonjour".getBytes(StandardCharsets.UTF_8))).eml());

        assertThat(m.invoices()).extracting(MailAttachment::fileName).containsExactly("MX-ZIP-1.pdf", "MX-ZIP-2.xml");
        assertThat(m.invoices().get(0).content()).isEqualTo(pdf);
        assertThat(m.invoices()).allSatisfy(a -> assertThat(a.quarantineReason()).isNull());
        assertThat(m.skipped()).anySatisfy(s -> assertThat(s).contains("lisezmoi.txt"));
    }

    @Test
    void aZipBombIsKeptWholeAndQuarantinedWithoutBeingUnpacked() throws Exception {
        byte[] bomb = TestMails.zipBomb("facture.pdf", 256L * 1024 * 1024); // 256 MB of zeros, ~250 kB compressed
        MailExtraction m = extractor.extract(mail("Bombe").attach("bomb.zip", "application/zip", bomb).eml());

        assertThat(m.invoices()).hasSize(1);
        MailAttachment kept = m.invoices().get(0);
        assertThat(kept.kind()).isEqualTo(ARCHIVE);
        assertThat(kept.content()).isEqualTo(bomb);
        assertThat(kept.quarantineReason()).contains("'facture.pdf' unpacks to more than 5242880 bytes");
    }

    @Test
    void aZipWhoseNamesLeaveTheArchiveOrThatHasTooManyFilesIsQuarantined() throws Exception {
        byte[] pdf = SampleInvoices.facturXPdf("MX-EVIL");
        MailExtraction evil = extractor.extract(mail("Evil").attach("evil.zip", "application/zip",
                TestMails.zip("ok.pdf", pdf, "../../evil.sh", "#!/bin/sh".getBytes(StandardCharsets.US_ASCII))).eml());
        assertThat(evil.invoices()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("evil.zip");
            assertThat(a.quarantineReason()).contains("'../../evil.sh' names a path outside the archive");
        });

        Object[] many = new Object[2 * 21];
        for (int i = 0; i < 21; i++) {
            many[2 * i] = "f" + i + ".xml";
            many[2 * i + 1] = ("<a>" + i + "</a>").getBytes(StandardCharsets.UTF_8);
        }
        MailExtraction crowded = extractor.extract(mail("Many").attach("many.zip", "application/zip", TestMails.zip(many)).eml());
        assertThat(crowded.invoices()).singleElement()
                .satisfies(a -> assertThat(a.quarantineReason()).contains("more than 20 files"));
    }

    @Test
    void aSignatureIsKeptAsEvidenceNotAsAnInvoice() throws Exception {
        byte[] p7s = new byte[] {0x30, (byte) 0x82, 0x01, 0x00, 0x06, 0x09};
        MailExtraction m = extractor.extract(mail("Signé").attach("facture.pdf", "application/pdf",
                SampleInvoices.facturXPdf("MX-SIG")).attach("smime.p7s", "application/pkcs7-signature", p7s).eml());

        assertThat(m.invoices()).extracting(MailAttachment::fileName).containsExactly("facture.pdf");
        assertThat(m.evidence()).singleElement().satisfies(e -> {
            assertThat(e.fileName()).isEqualTo("smime.p7s");
            assertThat(e.content()).isEqualTo(p7s);
        });
    }

    @Test
    void windows1252AndEncodedWordFileNamesAreDecodedAndSanitised() throws Exception {
        byte[] pdf = SampleInvoices.facturXPdf("MX-1252");
        Charset cp1252 = Charset.forName("windows-1252");
        String rfc2231 = "Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename*=windows-1252''Facture%20%E9t%E9%20n%B012.pdf";
        String rfc2047 = "Content-Type: application/pdf; name=\"=?windows-1252?Q?Re=E7u_=2E=2E=2F=2E=2E=2Fpasswd.pdf?=\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"=?windows-1252?Q?Re=E7u_=2E=2E=2F=2E=2E=2Fpasswd.pdf?=\"";
        byte[] other = SampleInvoices.facturXPdf("MX-1252-B");
        MailExtraction m = extractor.extract(mail("Facture été")
                .rawPart("Content-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: 8bit",
                        "Veuillez trouver ci-joint la facture d'été.".getBytes(cp1252))
                .rawPart(rfc2231, Base64.getMimeEncoder().encode(pdf))
                .rawPart(rfc2047, Base64.getMimeEncoder().encode(other)).eml());

        assertThat(m.invoices()).extracting(MailAttachment::fileName).containsExactly("Facture été n°12.pdf", "passwd.pdf");
        assertThat(m.invoices().get(0).content()).isEqualTo(pdf);
    }

    @Test
    void aMailWithoutAttachmentHasNoInvoiceAndNothingSkipped() throws Exception {
        MailExtraction m = extractor.extract(mail("Question").text("Avez-vous reçu ma facture ?").eml());
        assertThat(m.invoices()).isEmpty();
        assertThat(m.skipped()).isEmpty();
    }

    @Test
    void anAttachmentOfAnotherFormatIsNamedInWhatWasLeftOut() throws Exception {
        MailExtraction m = extractor.extract(mail("Docx").attach("facture.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                TestMails.zip("word/document.xml", "<w/>".getBytes(StandardCharsets.UTF_8))).eml());
        assertThat(m.invoices()).isEmpty();
        assertThat(m.skipped()).singleElement().satisfies(s -> assertThat(s).startsWith("facture.docx").contains("not an invoice format"));
    }

    @Test
    void recipientsComeFromDeliveredToXOriginalToToAndCcInThatOrder() throws Exception {
        MailExtraction m = extractor.extract(mail("R").to("SIREN123456782@in.example", "Compta <compta@client.example>")
                .cc("siren552100554@IN.example").header("Delivered-To", "catchall@in.example")
                .header("X-Original-To", "SIREN123456782@in.example").header("Message-ID", "<abc@fournisseur.example>").eml());

        assertThat(m.recipients()).containsExactly("catchall@in.example", "siren123456782@in.example",
                "compta@client.example", "siren552100554@in.example");
        assertThat(m.from()).isEqualTo("factures@fournisseur.example");
    }

    @Test
    void theHeadersOfAMultipartMailWithoutItsBodyGiveItsSenderSubjectAndRecipients() throws Exception {
        byte[] eml = mail("Archive complète").to("factures@in.test").from("compta@fournisseur.example")
                .attach("archive.pdf", "application/pdf", SampleInvoices.facturXPdf("HDR-1")).eml();
        String text = new String(eml, StandardCharsets.UTF_8);
        byte[] headers = text.substring(0, text.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8);

        MailExtraction m = extractor.headersOnly(headers);

        assertThat(m.subject()).isEqualTo("Archive complète");
        assertThat(m.from()).isEqualTo("compta@fournisseur.example");
        assertThat(m.recipients()).containsExactly("factures@in.test");
        assertThat(m.messageId()).isNotBlank();
        assertThat(m.invoices()).isEmpty();
    }
}
