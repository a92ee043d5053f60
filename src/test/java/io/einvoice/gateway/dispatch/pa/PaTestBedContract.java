package io.einvoice.gateway.dispatch.pa;

import io.einvoice.gateway.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * What the contracts of the PA connector and of what posts through it start from: each test a {@link PaTestBed} of
 * its own on the database its H2 or PostgreSQL subclass gives. A contract's own {@code @BeforeEach} runs once the bed
 * is there.
 */
public abstract class PaTestBedContract {

    @TempDir
    protected Path home;

    protected PaTestBed bed;

    /** The database of this run: {@link TestDatabase#h2} or {@link TestDatabase#postgres}. */
    protected abstract TestDatabase database(Path home) throws Exception;

    @BeforeEach
    final void openBed() throws Exception {
        bed = new PaTestBed(database(home), home);
    }

    @AfterEach
    final void closeBed() {
        bed.close();
    }
}
