package io.einvoice.gateway.connector;

import io.einvoice.gateway.connector.InvoiceSource.Listing;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.support.DefaultExchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the folder connectors (SFTP, FTPS) do alike once connected. A file is one invoice per path, size and
 * modification time ({@code <path>:<size>:<mtime>}): the same file is never fetched twice, a file replaced by another
 * is. Names with a path or control characters are left there, files larger than the gateway takes are left unread,
 * at most {@link #MAX_FILES} are listed per run, oldest first.
 */
final class RemoteFolder {

    static final int MAX_FILES = 5000;
    static final int MAX_NAME = 255;
    private static final Pattern PLAIN_NAME = Pattern.compile("[^\\p{Cntrl}/\\\\]+");

    /** One entry of a server's listing, whatever the protocol's own type for it. */
    record Entry(String name, boolean file, long size, long modifiedMillis) {
    }

    /** Where the files are: {@code protocol} names the server in messages (SFTP, FTPS) and is the URL scheme. */
    record Place(String protocol, String host, int port, String dir) {
    }

    private RemoteFolder() {
    }

    static Listing listing(Place place, String pattern, List<Entry> entries) {
        Pattern names = Pattern.compile(pattern);
        List<Entry> taken = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Entry e : entries) {
            String name = e.name();
            if (name == null || !e.file() || name.equals(".") || name.equals("..") || !names.matcher(name).matches()) {
                continue;
            }
            if (name.length() > MAX_NAME || !PLAIN_NAME.matcher(name).matches()) {
                skipped.add("a file name in " + place.dir() + " is too long, names a path or has control characters;"
                        + " left there");
                continue;
            }
            taken.add(e);
        }
        taken.sort(Comparator.comparingLong(Entry::modifiedMillis).thenComparing(Entry::name));
        if (taken.size() > MAX_FILES) {
            skipped.add("the folder holds more than " + MAX_FILES + " matching files; the rest is read at the next run");
            taken = taken.subList(0, MAX_FILES);
        }
        List<RemoteInvoice> invoices = new ArrayList<>();
        for (Entry e : taken) {
            String path = path(place.dir(), e.name());
            long mtime = e.modifiedMillis() / 1000;
            invoices.add(new RemoteInvoice(path + ":" + e.size() + ":" + mtime,
                    Instant.ofEpochSecond(mtime).atOffset(ZoneOffset.UTC).toLocalDate().toString(), url(place, path)));
        }
        return new Listing(invoices, skipped);
    }

    /** A file listed larger than the gateway takes is refused before a connection is opened for it. */
    static void refuseTooLarge(RemoteInvoice invoice, int maxBytes, String protocol) throws ConnectorException {
        if (sizeOf(invoice) > maxBytes) {
            throw ConnectorException.passing(String.format(Locale.ROOT, "the file %s is larger than %,d bytes and was"
                    + " left on the %s server, unread", pathOf(invoice), maxBytes, protocol));
        }
    }

    /** The file's bytes, bounded by {@code maxBytes} whatever size the server listed. */
    static byte[] download(RemoteFileOperations<?> operations, CamelContext camel, String protocol, RemoteInvoice invoice,
                           int maxBytes) throws ConnectorException {
        String path = pathOf(invoice);
        long size = sizeOf(invoice);
        Exchange exchange = new DefaultExchange(camel);
        GenericFile<Object> target = new GenericFile<>();
        exchange.setProperty(Exchange.FILE_EXCHANGE_FILE, target);
        try {
            if (!operations.retrieveFile(path, exchange, size)) {
                throw new GenericFileOperationFailedException("not retrieved");
            }
            try (InputStream in = (InputStream) target.getBody()) {
                // the listed size is the server's word: the bytes read are bounded whatever it said
                byte[] bytes = in.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw ConnectorException.passing(String.format(Locale.ROOT, "the file %s is larger than %,d bytes"
                            + " and was not read", path, maxBytes));
                }
                return bytes;
            }
        } catch (GenericFileOperationFailedException | IOException | ClassCastException e) {
            throw ConnectorException.passing("the " + protocol + " server could not send the file " + path
                    + "; the next run tries again", e);
        } finally {
            try {
                operations.releaseRetrievedFileResources(exchange);
            } catch (GenericFileOperationFailedException e) {
                // the transfer could not be completed; the next run fetches the file again
            }
        }
    }

    /** With afterFetch MOVE: the stored file moved into {@code moveTo}, its name kept. */
    static void moveStored(RemoteFileOperations<?> operations, RemoteInvoice invoice, String moveTo)
            throws ConnectorException {
        String path = pathOf(invoice);
        String to = path(moveTo, path.substring(path.lastIndexOf('/') + 1));
        try {
            if (operations == null || !operations.renameFile(path, to)) {
                throw new GenericFileOperationFailedException("not renamed");
            }
        } catch (GenericFileOperationFailedException e) {
            throw ConnectorException.passing("the file " + path + " is stored but could not be moved to " + moveTo
                    + " (the folder may not exist, or hold a file of that name); it stays where it is and is not"
                    + " fetched again", e);
        }
    }

    static void close(RemoteFileOperations<?> operations) {
        if (operations != null) {
            try {
                operations.disconnect();
            } catch (GenericFileOperationFailedException e) {
                operations.forceDisconnect();
            }
        }
    }

    static String path(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    static String pathOf(RemoteInvoice invoice) {
        String id = invoice.remoteId();
        int mtime = id.lastIndexOf(':');
        int size = id.lastIndexOf(':', mtime - 1);
        return id.substring(0, size);
    }

    static long sizeOf(RemoteInvoice invoice) {
        String id = invoice.remoteId();
        int mtime = id.lastIndexOf(':');
        int size = id.lastIndexOf(':', mtime - 1);
        return Long.parseLong(id.substring(size + 1, mtime));
    }

    private static String url(Place place, String path) {
        String scheme = place.protocol().toLowerCase(Locale.ROOT);
        try {
            return new URI(scheme, null, place.host(), place.port(), path.startsWith("/") ? path : "/" + path, null,
                    null).toASCIIString();
        } catch (URISyntaxException e) {
            return scheme + "://" + place.host() + "/";
        }
    }
}
