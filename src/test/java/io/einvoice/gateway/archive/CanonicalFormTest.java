package io.einvoice.gateway.archive;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The forms that are hashed, fixed byte for byte: anyone re-implementing the checks depends on them. */
class CanonicalFormTest {

    @Test
    void canonicalJsonSortsKeysAtEveryLevelWithoutWhitespace() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", "Lumière");
        inner.put("a", null);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("total", "120.5");
        outer.put("buyer", inner);
        outer.put("lines", List.of(2, true));
        assertThat(CanonicalJson.write(outer)).isEqualTo("{\"buyer\":{\"a\":null,\"z\":\"Lumière\"},\"lines\":[2,true],\"total\":\"120.5\"}");
        assertThat(CanonicalJson.write(CanonicalJson.read(CanonicalJson.write(outer)))).isEqualTo(CanonicalJson.write(outer));
    }

    @Test
    void theEntryHashCoversTheDocumentedFieldsInTheDocumentedOrder() {
        String a = "a".repeat(64);
        String m = "m".repeat(64);
        ArchiveEntry entry = new ArchiveEntry("dossier-uuid", "123456782", 7, "doc-1", a, null, a, "{}", m,
                ArchiveEntry.GENESIS, null, Instant.parse("2026-11-24T03:04:05Z"), LocalDate.of(2036, 11, 24), "test");
        assertThat(entry.hashedText()).isEqualTo("einvoice-archive-v1|123456782|7|doc-1|" + a + "||" + a + "|" + m + "|"
                + ArchiveEntry.GENESIS + "|2026-11-24T03:04:05.000Z|2036-11-24");
        // sha256 of that text, as `printf '%s' TEXT | sha256sum` prints it
        assertThat(entry.computedHash()).isEqualTo("711b66bacd9cef4783eda2eaa2fff8dbc979d468651d1d141b2c903056be3ea1");
    }

    @Test
    void theBlobStoreOffersNoWayToRemoveBytes() {
        assertThat(Arrays.stream(BlobStore.class.getMethods()).filter(method -> Modifier.isPublic(method.getModifiers()))
                .map(Method::getName))
                .noneMatch(name -> name.matches("(?i).*(delete|remove|purge|clean|overwrite|replace).*"));
    }
}
