package io.einvoice.gateway.archive;

import java.io.RandomAccessFile;
import java.nio.file.Path;

/** What an attacker or a failing disk does to a sealed file, for the tests that must see the archive notice it. */
public final class Tampering {

    private Tampering() {
    }

    /** One bit of the byte in the middle of {@code file} turned over, the write-once flag taken off first. */
    public static void flipOneByte(Path file) throws Exception {
        file.toFile().setWritable(true);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0x01);
        }
    }
}
