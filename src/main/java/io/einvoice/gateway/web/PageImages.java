package io.einvoice.gateway.web;

import io.einvoice.gateway.archive.BlobStore;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Optional;

/**
 * A page of an original as a PNG, so the recognised fields can be boxed over it without a PDF viewer in the browser:
 * PDF pages rendered with PDFBox, scanned images re-encoded; rendered once and kept in the blob store. Sizes are
 * checked before pixels are allocated.
 */
public class PageImages {

    /** Sharp enough to read an A4 page on a laptop screen (about 910 × 1290 pixels). */
    static final int DPI = 110;
    static final long MAX_PIXELS = 40_000_000L;
    static final int MAX_PAGE = 500;

    private final JdbcTemplate jdbc;
    private final BlobStore blobs;

    public PageImages(JdbcTemplate jdbc, BlobStore blobs) {
        this.jdbc = jdbc;
        this.blobs = blobs;
    }

    /** The PNG's SHA-256 in the blob store, or empty when the original has no such page or is not a page (XML). */
    public Optional<String> png(String originalSha256, int page) throws IOException {
        if (page < 1 || page > MAX_PAGE) {
            return Optional.empty();
        }
        Optional<String> cached = jdbc.queryForList("SELECT png_sha256 FROM page_image WHERE original_sha256 = ?"
                + " AND page = ? AND dpi = ?", String.class, originalSha256, page, DPI).stream().findFirst();
        if (cached.isPresent() && blobs.contains(cached.get())) {
            return cached;
        }
        Optional<BufferedImage> image = render(originalSha256, page);
        if (image.isEmpty()) {
            return Optional.empty();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image.get(), "png", png);
        String sha = blobs.put(png.toByteArray()).sha256();
        // two browsers asking at once render twice and store the same bytes: the second row is not needed
        jdbc.update("INSERT INTO page_image (original_sha256, page, dpi, png_sha256, created_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", originalSha256, page, DPI, sha, OffsetDateTime.now());
        return Optional.of(sha);
    }

    private Optional<BufferedImage> render(String sha, int page) throws IOException {
        byte[] head;
        try (InputStream in = blobs.open(sha)) {
            head = in.readNBytes(8);
        }
        if (head.length >= 5 && new String(head, 0, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-")) {
            return renderPdf(sha, page);
        }
        return page == 1 ? readImage(sha) : Optional.empty();
    }

    private Optional<BufferedImage> renderPdf(String sha, int page) throws IOException {
        // streams cached in temporary files, not memory: a large scan is not held twice
        try (PDDocument pdf = Loader.loadPDF(blobs.pathOf(sha).toFile(), null, null, null,
                IOUtils.createTempFileOnlyStreamCache())) {
            if (page > pdf.getNumberOfPages()) {
                return Optional.empty();
            }
            PDRectangle box = pdf.getPage(page - 1).getCropBox();
            long pixels = (long) (box.getWidth() / 72 * DPI) * (long) (box.getHeight() / 72 * DPI);
            if (pixels > MAX_PIXELS) {
                throw new IOException("page " + page + " is too large to show (" + pixels + " pixels)");
            }
            return Optional.of(new PDFRenderer(pdf).renderImageWithDPI(page - 1, DPI, ImageType.RGB));
        }
    }

    private Optional<BufferedImage> readImage(String sha) throws IOException {
        try (InputStream in = blobs.open(sha); ImageInputStream stream = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = stream == null ? null : ImageIO.getImageReaders(stream);
            if (readers == null || !readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    throw new IOException("the image is too large to show");
                }
                return Optional.of(reader.read(0));
            } finally {
                reader.dispose();
            }
        }
    }
}
