package io.einvoice.gateway.facturx;

import org.apache.pdfbox.cos.COSName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.einvoice.gateway.facturx.DecompressionBombs.ONE_GIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PDFs whose compressed streams claim a gigabyte are refused while inflating, with a bounded buffer. */
class PdfDecompressionBombTest {

    private final InvoiceReader reader = new InvoiceReader(InflationLimit.DEFAULT);

    @Test
    void aOneMegabyteFacturXWhoseAttachmentInflatesToOneGibIsRefusedAsABomb() {
        byte[] bomb = DecompressionBombs.facturXWithInflatingAttachment(ONE_GIB);
        assertThat(bomb.length).isBetween(900_000, 1_200_000);

        assertThatThrownBy(() -> reader.read(bomb))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("PDF refused as a decompression bomb: its invoice attachment factur-x.xml")
                .hasMessageContaining("unpacks to more than 134,217,728 bytes (GATEWAY_MAX_INFLATED_BYTES)")
                .hasMessageContaining("the original is kept");
    }

    @Test
    void anAttachmentBehindTwoFiltersIsMeasuredThroughBoth() {
        byte[] bomb = DecompressionBombs.facturXWithTwoFilterAttachment(ONE_GIB);
        assertThat(bomb.length).isLessThan(100_000);

        assertThatThrownBy(() -> reader.read(bomb))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("decompression bomb: its invoice attachment factur-x.xml");
    }

    @Test
    void aPdfWithoutXmlWhosePageInflatesToOneGibIsRefusedBeforeRecognitionWouldReadIt() {
        byte[] bomb = DecompressionBombs.pdfWithInflatingPage(ONE_GIB);

        assertThatThrownBy(() -> reader.read(bomb))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageStartingWith("PDF refused as a decompression bomb: a stream (object ")
                .hasMessageContaining("unpacks to more than 134,217,728 bytes");
    }

    @Test
    void anImageOfAFewBytesDeclaringFortyThousandPixelsSquareIsRefusedFromItsDictionary() {
        byte[] bomb = DecompressionBombs.pdfWithImage(40_000, 40_000, COSName.FLATE_DECODE,
                DecompressionBombs.deflatedZeros(3L << 20));

        assertThatThrownBy(() -> reader.read(bomb))
                .hasMessageStartingWith("PDF refused as a decompression bomb: an image (object ")
                .hasMessageContaining("declares 40,000 × 40,000 pixels, which unpack to more than 134,217,728 bytes");
    }

    @Test
    void aJpegWhoseOwnHeaderClaimsMoreThanItsDictionaryIsJudgedByItsHeader() {
        byte[] bomb = DecompressionBombs.pdfWithImage(16, 16, COSName.DCT_DECODE,
                DecompressionBombs.jpegClaiming(30_000, 30_000));

        assertThatThrownBy(() -> reader.read(bomb))
                .hasMessageContaining("declares 30,000 × 30,000 pixels");
    }

    @Test
    void anA4ScanAt300DpiIsNotABomb() {
        byte[] scan = DecompressionBombs.pdfWithImage(2480, 3508, COSName.DCT_DECODE,
                DecompressionBombs.jpegClaiming(2480, 3508));

        assertThatThrownBy(() -> reader.read(scan)).hasMessageStartingWith("no structured invoice data");
    }

    @Test
    void theLimitIsTheConfiguredOneAndAFacturXWithinItIsRead() throws Exception {
        byte[] facturX = SampleInvoices.facturXPdf("WITHIN-1");
        assertThat(reader.read(facturX).invoice().number()).isEqualTo("WITHIN-1");

        InflationLimit tiny = InflationLimit.fromEnvironment(Map.of("GATEWAY_MAX_INFLATED_BYTES", "1000"));
        assertThatThrownBy(() -> new InvoiceReader(tiny).read(facturX))
                .hasMessageContaining("unpacks to more than 1,000 bytes");
        assertThat(InflationLimit.fromEnvironment(Map.of())).isEqualTo(InflationLimit.DEFAULT);
        assertThatThrownBy(() -> InflationLimit.fromEnvironment(Map.of("GATEWAY_MAX_INFLATED_BYTES", "lots")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GATEWAY_MAX_INFLATED_BYTES");
    }
}
