package io.einvoice.gateway.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlobStoreTest {

    @TempDir
    Path root;

    @Test
    void storesBytesUnderTheirSha256AndReadsThemBack() throws IOException {
        BlobStore store = new BlobStore(root);
        BlobRef ref = store.put("hello".getBytes(StandardCharsets.UTF_8));

        // sha256("hello"), computed independently
        assertThat(ref.sha256()).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(ref.size()).isEqualTo(5);
        assertThat(store.pathOf(ref.sha256())).isEqualTo(root.resolve("sha256/2c/f2/" + ref.sha256()));
        try (InputStream in = store.open(ref.sha256())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void theSameBytesTwiceAreOneWriteOnceFile() throws IOException {
        BlobStore store = new BlobStore(root);
        BlobRef first = store.put(new byte[] {1, 2, 3});
        Path file = store.pathOf(first.sha256());
        long modified = Files.getLastModifiedTime(file).toMillis();

        BlobRef second = store.put(new byte[] {1, 2, 3});

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);
        assertThat(Files.getPosixFilePermissions(file)).as("stored blobs are read-only")
                .doesNotContain(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        try (Stream<Path> leftovers = Files.list(root.resolve("incoming"))) {
            assertThat(leftovers).as("no temporary file is left behind").isEmpty();
        }
    }

    @Test
    void concurrentWritersOfTheSameContentAllSucceed() throws Exception {
        BlobStore store = new BlobStore(root);
        byte[] content = new byte[256 * 1024];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<BlobRef>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit((Callable<BlobRef>) () -> store.put(content)));
            }
            for (Future<BlobRef> result : results) {
                assertThat(result.get().size()).isEqualTo(content.length);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.contains(store.put(content).sha256())).isTrue();
    }

    @Test
    void refusesAnAddressThatIsNotAHash() {
        BlobStore store = new BlobStore(root);
        assertThatThrownBy(() -> store.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newShardFoldersAreRecordedInTheirParentsTopDown() throws IOException {
        Path sha256 = Files.createDirectories(root.resolve("sha256"));
        List<Path> synced = new ArrayList<>();

        List<Path> created = BlobStore.createDirectoriesDurably(sha256.resolve("ab/cd"), synced::add);

        assertThat(created).containsExactly(sha256.resolve("ab"), sha256.resolve("ab/cd"));
        assertThat(created).allMatch(Files::isDirectory);
        // ab's entry is in sha256/, cd's in ab/; cd's own entries are synced when a blob is moved in
        assertThat(synced).containsExactly(sha256, sha256.resolve("ab"));
    }

    @Test
    void anExistingShardFolderIsNotSyncedAgain() throws IOException {
        Path shard = Files.createDirectories(root.resolve("sha256/ab/cd"));
        List<Path> synced = new ArrayList<>();

        assertThat(BlobStore.createDirectoriesDurably(shard, synced::add)).isEmpty();
        assertThat(synced).isEmpty();
    }
}
