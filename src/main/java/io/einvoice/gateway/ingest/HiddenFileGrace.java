package io.einvoice.gateway.ingest;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

import java.time.Clock;
import java.time.Duration;

/**
 * Which files of a drop folder the route may read now. A name starting with a dot is what copy tools (rsync, sync
 * clients, our own demo writer) give a file while it is being written, so such a file is read only once it has not
 * changed for {@link #GRACE}; then it is taken like any other file, so nothing sits in a folder unseen. Other files are
 * read as soon as the route's read lock finds them complete.
 */
public class HiddenFileGrace implements GenericFileFilter<Object> {

    public static final Duration GRACE = Duration.ofMinutes(10);

    private final Clock clock;

    public HiddenFileGrace(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        return file.isDirectory() || ready(file.getFileNameOnly(), file.getLastModified());
    }

    boolean ready(String fileName, long lastModifiedMillis) {
        return !fileName.startsWith(".") || clock.millis() - lastModifiedMillis >= GRACE.toMillis();
    }
}
