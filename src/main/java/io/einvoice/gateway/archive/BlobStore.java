package io.einvoice.gateway.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Write-once, content-addressed store: {@code <root>/sha256/ab/cd/<hash>}. {@link #put} returns only once the bytes and
 * the directory entry are on disk (fsync), so a caller may then acknowledge its source. Existing blobs are never
 * rewritten: the same bytes stored twice are one file.
 */
public final class BlobStore {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final Path incoming;
    /**
     * The {@code ab/cd} shard folders this store has created or seen and whose entries are on disk: a put into a
     * shard another thread is creating waits until that thread has synced the new folders, not only made them.
     */
    private final BitSet durableShards = new BitSet(1 << 16);

    public BlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve("incoming");
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the blob store at " + root + ": check the folder's permissions", e);
        }
    }

    public BlobRef put(InputStream content) throws IOException {
        Path temp = Files.createTempFile(incoming, "blob-", ".part");
        try {
            MessageDigest sha256 = Sha256.digest();
            long size;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel);
                 DigestInputStream in = new DigestInputStream(content, sha256)) {
                size = in.transferTo(out);
                channel.force(true);
            }
            String hash = Sha256.hex(sha256);
            Path target = pathOf(hash);
            if (!Files.exists(target)) {
                createShardDurably(hash, target.getParent());
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                    target.toFile().setReadOnly();
                    fsyncDirectory(target.getParent());
                } catch (FileAlreadyExistsException raced) {
                    // another thread stored the same bytes first: content-addressed, so theirs is ours
                }
            }
            return new BlobRef(hash, size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Bytes already in memory are hashed first: when the store has them (an attachment sent again, the same file in
     * several mails), nothing is written; the file and its folder are only synced, in case the thread that stored them
     * is still between its rename and its directory sync (cheap when they are already on disk).
     */
    public BlobRef put(byte[] content) throws IOException {
        MessageDigest sha256 = Sha256.digest();
        sha256.update(content);
        String hash = Sha256.hex(sha256);
        Path target = pathOf(hash);
        if (Files.isRegularFile(target)) {
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.READ)) {
                channel.force(true);
            }
            fsyncDirectory(target.getParent());
            return new BlobRef(hash, content.length);
        }
        return put(new java.io.ByteArrayInputStream(content));
    }

    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(pathOf(sha256));
    }

    public boolean contains(String sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    public boolean isWritable() {
        return Files.isDirectory(incoming) && Files.isWritable(incoming);
    }

    public Path pathOf(String sha256) {
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + sha256);
        }
        return root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    private void createShardDurably(String hash, Path shard) throws IOException {
        int index = Integer.parseInt(hash, 0, 4, 16);
        synchronized (durableShards) {
            if (!durableShards.get(index)) {
                createDirectoriesDurably(shard, BlobStore::fsyncDirectory);
                durableShards.set(index);
            }
        }
    }

    /** Syncs a folder's entries (its new files and folders) to disk. */
    @FunctionalInterface
    interface DirectorySync {
        void sync(Path dir) throws IOException;
    }

    /**
     * Creates {@code dir} and its missing parents so that they survive a power loss: a new folder's name is an entry of
     * its parent, so the folder above the first one created and each new folder but {@code dir} itself are synced
     * (top down; {@code dir} is synced by whoever puts a file in it). Syncing only the last parent, as before, left
     * {@code ab/} of a new {@code ab/cd/} unrecorded in {@code sha256/}.
     * @return the folders created
     */
    static List<Path> createDirectoriesDurably(Path dir, DirectorySync sync) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        Path existing = dir;
        while (existing != null && !Files.isDirectory(existing)) {
            missing.push(existing);
            existing = existing.getParent();
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        Files.createDirectories(dir);
        if (existing != null) {
            sync.sync(existing);
        }
        List<Path> created = List.copyOf(missing);
        for (Path parent : created.subList(0, created.size() - 1)) {
            sync.sync(parent);
        }
        return created;
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
