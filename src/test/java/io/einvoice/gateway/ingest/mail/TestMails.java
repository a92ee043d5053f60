package io.einvoice.gateway.ingest.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;
import java.util.Random;
import java.util.function.ToIntFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds the mails suppliers send, as real MIME (Jakarta Mail), for the extractor and route tests. */
public final class TestMails {

    public static final Session SESSION = Session.getInstance(new Properties());

    private final MimeMessage message = new MimeMessage(SESSION);
    private final MimeMultipart mixed = new MimeMultipart("mixed");

    private TestMails(String subject) throws MessagingException {
        message.setFrom(new InternetAddress("factures@fournisseur.example"));
        message.setSubject(subject, "UTF-8");
    }

    public static TestMails mail(String subject) throws MessagingException {
        return new TestMails(subject);
    }

    public TestMails to(String... addresses) throws MessagingException {
        for (String a : addresses) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(a));
        }
        return this;
    }

    public TestMails from(String address) throws MessagingException {
        message.setFrom(new InternetAddress(address));
        return this;
    }

    public TestMails cc(String address) throws MessagingException {
        message.addRecipient(Message.RecipientType.CC, new InternetAddress(address));
        return this;
    }

    public TestMails header(String name, String value) throws MessagingException {
        message.addHeader(name, value);
        return this;
    }

    public TestMails text(String text) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8");
        mixed.addBodyPart(part);
        return this;
    }

    public TestMails html(String html) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(html, "text/html; charset=UTF-8");
        mixed.addBodyPart(part);
        return this;
    }

    public TestMails attach(String fileName, String contentType, byte[] content) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, contentType)));
        part.setFileName(fileName);
        part.setDisposition(Part.ATTACHMENT);
        mixed.addBodyPart(part);
        return this;
    }

    public TestMails inline(String fileName, String contentType, byte[] content, String contentId) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, contentType)));
        if (fileName != null) {
            part.setFileName(fileName);
        }
        part.setDisposition(Part.INLINE);
        if (contentId != null) {
            part.setContentID("<" + contentId + ">");
        }
        mixed.addBodyPart(part);
        return this;
    }

    /** A part whose headers are written by hand, as odd mailers write them. */
    public TestMails rawPart(String headers, byte[] content) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart(new java.io.ByteArrayInputStream(concat(
                (headers + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), content)));
        mixed.addBodyPart(part);
        return this;
    }

    public TestMails forward(byte[] eml) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(new MimeMessage(SESSION, new java.io.ByteArrayInputStream(eml)), "message/rfc822");
        part.setDisposition(Part.ATTACHMENT);
        mixed.addBodyPart(part);
        return this;
    }

    public MimeMessage message() throws MessagingException {
        if (mixed.getCount() == 0) {
            message.setText("Bonjour", "UTF-8");
        } else {
            message.setContent(mixed);
        }
        message.saveChanges();
        return message;
    }

    public byte[] eml() throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message().writeTo(out);
        return out.toByteArray();
    }

    public static byte[] image(String format, int width, int height) throws IOException {
        return picture(format, width, height, Random::nextInt);
    }

    /**
     * A scan of a blank page: paper grain only (greys from 240 to 255), enough bytes to count as a scan (not a logo or
     * a pixel) and nothing for OCR to read. Tesseract reads the noise of {@link #image} for about a minute.
     */
    public static byte[] blankScan(String format, int width, int height) throws IOException {
        return picture(format, width, height, random -> {
            int grey = 240 + random.nextInt(16);
            return grey << 16 | grey << 8 | grey;
        });
    }

    /** An image whose every pixel's RGB comes from {@code pixel}, drawn from one seeded random, written as {@code format}. */
    private static byte[] picture(String format, int width, int height, ToIntFunction<Random> pixel) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, pixel.applyAsInt(random));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    public static byte[] zip(Object... namesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) namesAndContents[i]));
                zip.write((byte[]) namesAndContents[i + 1]);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** One entry of {@code size} zero bytes: a few hundred kB compressed. */
    public static byte[] zipBomb(String entry, long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            byte[] zeros = new byte[1024 * 1024];
            for (long written = 0; written < size; written += zeros.length) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
