package io.einvoice.gateway.facturx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/** Tells what a file is from its first bytes, and describes the bytes of a file nobody can read. */
final class FileSignature {

    private static final byte[] PDF_MAGIC = "%PDF".getBytes(StandardCharsets.US_ASCII);
    /** Readers accept junk before the PDF header as long as the header starts in the first kilobyte; so do we. */
    private static final int PDF_HEADER_WINDOW = 1024;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int SHOWN = 8;
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();
    private static final Map<String, String> KNOWN = Map.of(
            "504B0304", "a ZIP archive (or an Office document)",
            "89504E47", "a PNG image",
            "FFD8FF", "a JPEG image",
            "49492A00", "a TIFF image",
            "4D4D002A", "a TIFF image",
            "47494638", "a GIF image",
            "D0CF11E0", "an old Microsoft Office document",
            "1F8B", "a gzip archive");

    private FileSignature() {
    }

    /** Where {@code %PDF} starts, or -1. */
    static int pdfHeaderOffset(byte[] content) {
        int last = Math.min(content.length, PDF_HEADER_WINDOW) - PDF_MAGIC.length;
        for (int i = 0; i <= last; i++) {
            if (Arrays.equals(content, i, i + PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length)) {
                return i;
            }
        }
        return -1;
    }

    /** A {@code <} after an optional byte order mark and white space; UTF-16 text is left to the parser to judge. */
    static boolean looksLikeXml(byte[] content) {
        if (content.length >= 2 && ((content[0] == (byte) 0xFE && content[1] == (byte) 0xFF)
                || (content[0] == (byte) 0xFF && content[1] == (byte) 0xFE))) {
            return true;
        }
        int i = utf8BomLength(content);
        while (i < content.length && isWhitespace(content[i])) {
            i++;
        }
        return i < content.length && content[i] == '<';
    }

    /** 3 when the content starts with a UTF-8 byte order mark, else 0. */
    static int utf8BomLength(byte[] content) {
        boolean bom = content.length >= UTF8_BOM.length && Arrays.equals(content, 0, UTF8_BOM.length, UTF8_BOM, 0, UTF8_BOM.length);
        return bom ? UTF8_BOM.length : 0;
    }

    static boolean isBlank(byte[] content) {
        for (byte b : content) {
            if (!isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /** The first bytes in hex and as text, and what they look like when that is known. */
    static String describe(byte[] content) {
        int n = Math.min(SHOWN, content.length);
        StringBuilder printable = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int b = content[i] & 0xFF;
            printable.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        String hex = HEX.formatHex(content, 0, n);
        String kind = KNOWN.entrySet().stream().filter(e -> hex.replace(" ", "").startsWith(e.getKey()))
                .map(e -> "; looks like " + e.getValue()).findFirst().orElse("");
        return "starts with " + hex + " \"" + printable + "\"" + kind;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
