package io.einvoice.gateway.facturx;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** What keeps a supplied PDF from becoming PDF/A-3 by a metadata upgrade: one bad PDF per reason. */
class PdfA3ReadinessTest {

    @Test
    void aPlainPageHasNoProblem() throws Exception {
        assertThat(PdfA3Readiness.problems(pdf(document -> { }))).isEmpty();
    }

    @Test
    void javaScriptIsABlocker() throws Exception {
        byte[] pdf = pdf(document -> document.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('x')")));

        assertThat(PdfA3Readiness.problems(pdf)).singleElement().asString()
                .startsWith("the PDF contains a JavaScript action").endsWith("PDF/A forbids JavaScript (ISO 19005-3 §6.6.1)");
    }

    @Test
    void aLaunchActionIsABlocker() throws Exception {
        byte[] pdf = pdf(document -> document.getDocumentCatalog().setOpenAction(new PDActionLaunch()));

        assertThat(PdfA3Readiness.problems(pdf)).singleElement().asString()
                .startsWith("the PDF contains a Launch action").endsWith("(ISO 19005-3 §6.6.1)");
    }

    @Test
    void anLzwStreamIsABlocker() throws Exception {
        byte[] pdf = pdf(document -> {
            COSStream stream = document.getDocument().createCOSStream();
            stream.setItem(COSName.FILTER, COSName.LZW_DECODE);
            try (OutputStream raw = stream.createRawOutputStream()) {
                raw.write(new byte[]{(byte) 0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, (byte) 0x85, 0x01});
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            document.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("Extra"), stream);
        });

        assertThat(PdfA3Readiness.problems(pdf)).singleElement().asString()
                .startsWith("a stream is LZW-compressed").endsWith("PDF/A forbids LZWDecode (ISO 19005-3 §6.1.7.2)");
    }

    private static byte[] pdf(Consumer<PDDocument> change) throws Exception {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            change.accept(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
