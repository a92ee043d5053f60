package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.archive.Sha256;
import io.einvoice.gateway.ingest.FileNames;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Finds the invoices in a raw mail (.eml bytes): PDFs (Factur-X included, attached or inline), CII/UBL XML, scanned
 * images, ZIP archives of those, and the same inside forwarded mails ({@code message/rfc822}, nested). Leaves out the
 * mail's own text, the images its HTML shows (logos, signatures) and tracking pixels; keeps {@code .p7s} signatures
 * as evidence. Plain Java on Jakarta Mail, no Camel.
 */
public class MailAttachmentExtractor {

    /** Forwarded inside forwarded inside...: deeper than this is an attack, not a supplier. */
    static final int MAX_NESTING = 10;
    /** An image the HTML body shows and smaller than this is part of the layout (logo, signature), not a scan. */
    static final int MAX_LAYOUT_IMAGE_BYTES = 100 * 1024;
    /** Below this an image cannot hold a readable invoice: tracking pixels, icons. */
    static final int MIN_INVOICE_IMAGE_BYTES = 2 * 1024;

    private static final Pattern CID_REFERENCE = Pattern.compile("cid:([^\"'\\s>)]+)", Pattern.CASE_INSENSITIVE);
    /** Names of entries without the UTF-8 flag: what Windows' built-in ZIP writes (the OEM code page). */
    private static final java.nio.charset.Charset ZIP_LEGACY_NAMES = java.nio.charset.Charset.forName("IBM437");
    private static final List<String> RECIPIENT_HEADERS = List.of("Delivered-To", "X-Original-To", "To", "Cc");

    static {
        // Jakarta Mail 2.1 looks its stream provider up again for every header block it parses, by a ServiceLoader
        // scan of the whole class path that waits on each jar's lock (seen as the mailbox route's third largest wait
        // under load); named here, it is one Class.forName. Set beforehand (-D), the operator's choice stands.
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider",
                "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    private final Session session = Session.getInstance(new Properties());
    private final ZipLimits zipLimits;

    public MailAttachmentExtractor(ZipLimits zipLimits) {
        this.zipLimits = zipLimits;
    }

    public MailExtraction extract(byte[] eml) throws IOException {
        try {
            MimeMessage message = new MimeMessage(session, new SharedByteArrayInputStream(eml));
            Walk walk = new Walk();
            collectLayoutReferences(message, walk, 0);
            visit(message, walk, 0);
            return new MailExtraction(message.getMessageID(), firstAddress(message.getHeader("From")),
                    message.getSubject(), recipients(message), walk.invoices, walk.evidence, walk.skipped);
        } catch (MessagingException e) {
            throw new IOException("the mail cannot be parsed: " + e.getMessage(), e);
        }
    }

    /** What the headers of a mail not downloaded say (a multipart's body is missing: its parts are not looked for). */
    public MailExtraction headersOnly(byte[] headers) throws IOException {
        try {
            MimeMessage message = new MimeMessage(session, new SharedByteArrayInputStream(headers));
            return new MailExtraction(message.getMessageID(), firstAddress(message.getHeader("From")),
                    message.getSubject(), recipients(message), List.of(), List.of(), List.of());
        } catch (MessagingException e) {
            throw new IOException("the mail's headers cannot be parsed: " + e.getMessage(), e);
        }
    }

    private static List<String> recipients(MimeMessage message) throws MessagingException {
        Set<String> addresses = new LinkedHashSet<>();
        for (String header : RECIPIENT_HEADERS) {
            String[] values = message.getHeader(header);
            if (values == null) {
                continue;
            }
            for (String value : values) {
                addresses.addAll(parseAddresses(value));
            }
        }
        return List.copyOf(addresses);
    }

    private static List<String> parseAddresses(String header) {
        try {
            List<String> out = new ArrayList<>();
            for (InternetAddress address : InternetAddress.parseHeader(header, false)) {
                if (address.getAddress() != null) {
                    out.add(address.getAddress().trim().toLowerCase(Locale.ROOT));
                }
            }
            return out;
        } catch (AddressException e) {
            return List.of(); // one malformed header must not hide the well-formed ones
        }
    }

    private static String firstAddress(String[] from) {
        if (from == null || from.length == 0) {
            return null;
        }
        List<String> addresses = parseAddresses(from[0]);
        return addresses.isEmpty() ? from[0] : addresses.get(0);
    }

    /** The Content-IDs the HTML bodies point at: the images they show are layout, not invoices. */
    private void collectLayoutReferences(Part part, Walk walk, int depth) throws MessagingException, IOException {
        if (depth > MAX_NESTING) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectLayoutReferences(multipart.getBodyPart(i), walk, depth);
            }
        } else if (part.isMimeType("message/rfc822")) {
            collectLayoutReferences((Part) part.getContent(), walk, depth + 1);
        } else if (part.isMimeType("text/html") && part.getContent() instanceof String html) {
            Matcher m = CID_REFERENCE.matcher(html);
            while (m.find()) {
                walk.layoutCids.add(m.group(1).trim().toLowerCase(Locale.ROOT));
            }
        }
    }

    private void visit(Part part, Walk walk, int depth) throws MessagingException, IOException {
        if (depth > MAX_NESTING) {
            walk.skipped.add("mails forwarded more than " + MAX_NESTING + " levels deep were not opened");
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                visit(child, walk, depth);
            }
            return;
        }
        if (part.isMimeType("message/rfc822")) {
            // a forwarded mail: its attachments are the supplier's, exactly as if mailed directly
            visit((Part) part.getContent(), walk, depth + 1);
            return;
        }
        String name = fileName(part);
        if (name == null && part.isMimeType("text/*") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return; // the mail's own text
        }
        byte[] content;
        try (InputStream in = part.getInputStream()) {
            content = in.readAllBytes();
        }
        String shown = name == null ? "(unnamed " + baseType(part) + " part)" : name;
        if (!walk.seen.add(Sha256.of(content))) {
            return; // the same bytes twice in one mail (an inline copy and an attachment): one document
        }
        String contentType = baseType(part);
        MailAttachment.Kind kind = kindOf(content, contentType, name);
        if (kind == null) {
            walk.skipped.add(shown + ": " + contentType + " is not an invoice format (PDF, XML, JPEG, PNG, TIFF, ZIP)");
            return;
        }
        String safeName = FileNames.sanitize(name == null ? defaultName(kind) : name);
        switch (kind) {
            case SIGNATURE -> walk.evidence.add(new MailAttachment(safeName, kind, content, null));
            case IMAGE -> {
                String cid = contentId(part);
                if (cid != null && walk.layoutCids.contains(cid) && content.length < MAX_LAYOUT_IMAGE_BYTES) {
                    walk.skipped.add(shown + ": image shown in the mail's body (logo or signature)");
                } else if (content.length < MIN_INVOICE_IMAGE_BYTES) {
                    walk.skipped.add(shown + ": image of " + content.length + " bytes, too small to be an invoice"
                            + " (tracking pixel or icon)");
                } else {
                    walk.invoices.add(new MailAttachment(safeName, kind, content, null));
                }
            }
            case ARCHIVE -> unzip(safeName, content, walk);
            default -> walk.invoices.add(new MailAttachment(safeName, kind, content, null));
        }
    }

    /** Opens a ZIP archive within the limits; an archive over them is kept whole and quarantined with the reason. */
    private void unzip(String archiveName, byte[] zip, Walk walk) {
        List<MailAttachment> found = new ArrayList<>();
        List<String> left = new ArrayList<>();
        String problem = null;
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new SharedByteArrayInputStream(zip), ZIP_LEGACY_NAMES)) {
            ZipEntry entry;
            while (problem == null && (entry = in.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                String entryName = entry.getName();
                if (++entries > zipLimits.maxEntries()) {
                    problem = "it holds more than " + zipLimits.maxEntries() + " files";
                } else if (leavesArchive(entryName)) {
                    problem = "its entry '" + entryName + "' names a path outside the archive";
                } else {
                    byte[] content = readLimited(in, Math.min(zipLimits.maxEntryBytes(), zipLimits.maxTotalBytes() - total));
                    if (content == null) {
                        problem = total + zipLimits.maxEntryBytes() > zipLimits.maxTotalBytes()
                                ? "it unpacks to more than " + zipLimits.maxTotalBytes() + " bytes"
                                : "its entry '" + entryName + "' unpacks to more than " + zipLimits.maxEntryBytes() + " bytes";
                    } else {
                        total += content.length;
                        String entryFile = FileNames.sanitize(entryName);
                        MailAttachment.Kind kind = kindOf(content, null, entryFile);
                        if (entryName.startsWith("__MACOSX/")) {
                            continue; // resource forks macOS adds to every archive
                        } else if (kind == null || kind == MailAttachment.Kind.SIGNATURE) {
                            left.add(archiveName + "/" + entryFile + ": not an invoice format");
                        } else if (kind == MailAttachment.Kind.ARCHIVE) {
                            left.add(archiveName + "/" + entryFile + ": archives inside archives are not opened");
                        } else if (kind == MailAttachment.Kind.IMAGE && content.length < MIN_INVOICE_IMAGE_BYTES) {
                            left.add(archiveName + "/" + entryFile + ": image too small to be an invoice");
                        } else if (walk.seen.add(Sha256.of(content))) {
                            found.add(new MailAttachment(entryFile, kind, content, null));
                        }
                    }
                }
            }
        } catch (ZipException e) {
            problem = "it cannot be read as a ZIP archive (" + e.getMessage() + ")";
        } catch (IOException | IllegalArgumentException e) {
            problem = "it cannot be read (" + e.getMessage() + ")";
        }
        if (problem != null) {
            walk.invoices.add(new MailAttachment(archiveName, MailAttachment.Kind.ARCHIVE, zip,
                    "ZIP archive not opened: " + problem + "; the archive is kept as it came"));
            return;
        }
        walk.skipped.addAll(left);
        if (found.isEmpty()) {
            walk.skipped.add(archiveName + ": the archive holds no invoice");
        }
        walk.invoices.addAll(found);
    }

    /** The entry's bytes, or null as soon as it would exceed {@code limit}: a ZIP bomb is never unpacked whole. */
    private static byte[] readLimited(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            read += n;
            if (read > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    static boolean leavesArchive(String entryName) {
        String name = entryName.replace('\\', '/');
        return name.startsWith("/") || name.matches("^[A-Za-z]:.*")
                || List.of(name.split("/")).contains("..");
    }

    /** By content first (senders get content types and extensions wrong), then by declared type and name. */
    static MailAttachment.Kind kindOf(byte[] content, String contentType, String name) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (type.contains("pkcs7-signature") || lower.endsWith(".p7s")) {
            return MailAttachment.Kind.SIGNATURE;
        }
        if (startsWithin(content, "%PDF".getBytes(StandardCharsets.US_ASCII), 1024)) {
            return MailAttachment.Kind.PDF;
        }
        if (startsWith(content, 0xFF, 0xD8, 0xFF) || startsWith(content, 0x89, 'P', 'N', 'G')
                || startsWith(content, 'I', 'I', 0x2A, 0x00) || startsWith(content, 'M', 'M', 0x00, 0x2A)) {
            return MailAttachment.Kind.IMAGE;
        }
        if (startsWith(content, 'P', 'K', 0x03, 0x04) && (lower.endsWith(".zip") || type.contains("zip"))) {
            return MailAttachment.Kind.ARCHIVE;
        }
        if ((lower.endsWith(".xml") || type.endsWith("/xml") || type.endsWith("+xml")) && looksLikeXml(content)) {
            return MailAttachment.Kind.XML;
        }
        return null;
    }

    private static boolean looksLikeXml(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 256), StandardCharsets.ISO_8859_1);
        return head.replace("\u00EF\u00BB\u00BF", "").stripLeading().startsWith("<");
    }

    private static boolean startsWith(byte[] content, int... magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((content[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithin(byte[] content, byte[] magic, int window) {
        int last = Math.min(content.length, window) - magic.length;
        outer:
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j < magic.length; j++) {
                if (content[i + j] != magic[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** RFC 2231 parameters are decoded by Jakarta Mail; RFC 2047 words in a name (common, though not allowed) here. */
    static String fileName(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null) {
            return null;
        }
        if (name.contains("=?")) {
            try {
                name = MimeUtility.decodeText(name);
            } catch (UnsupportedEncodingException e) {
                // an unknown charset: keep the name as it came, sanitised below
            }
        }
        return name.isBlank() ? null : name;
    }

    private static String contentId(Part part) throws MessagingException {
        if (!(part instanceof MimePart mime) || mime.getContentID() == null) {
            return null;
        }
        String id = mime.getContentID().trim();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        return id.toLowerCase(Locale.ROOT);
    }

    private static String baseType(Part part) throws MessagingException {
        String type = part.getContentType();
        if (type == null) {
            return "application/octet-stream";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static String defaultName(MailAttachment.Kind kind) {
        return switch (kind) {
            case PDF -> "attachment.pdf";
            case XML -> "attachment.xml";
            case IMAGE -> "image";
            case ARCHIVE -> "attachment.zip";
            case SIGNATURE -> "smime.p7s";
        };
    }


    private static final class Walk {
        final Set<String> layoutCids = new HashSet<>();
        final Set<String> seen = new HashSet<>();
        final List<MailAttachment> invoices = new ArrayList<>();
        final List<MailAttachment> evidence = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
    }
}
