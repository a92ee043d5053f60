package io.einvoice.gateway.dossier;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CallerTest {

    private final Dossier firmOwn = dossier("d-firm", "firm-1", true);
    private final Dossier client = dossier("d-client", "firm-1", false);
    private final Dossier assigned = dossier("d-assigned", "firm-1", false);
    private final Dossier otherFirm = dossier("d-other", "firm-2", false);

    @Test
    void adminSeesEveryDossierOfTheFirmOnly() {
        Caller admin = person(Role.ADMIN, Set.of());
        assertThat(admin.canSee(firmOwn)).isTrue();
        assertThat(admin.canSee(client)).isTrue();
        assertThat(admin.canSee(otherFirm)).isFalse();
    }

    @Test
    void adminExceptFirmDoesNotSeeTheFirmsOwnBooks() {
        Caller admin = person(Role.ADMIN_EXCEPT_FIRM, Set.of());
        assertThat(admin.canSee(firmOwn)).isFalse();
        assertThat(admin.canSee(client)).isTrue();
        assertThat(admin.canSee(otherFirm)).isFalse();
    }

    @Test
    void userSeesAssignedDossiersOnly() {
        Caller user = person(Role.USER, Set.of("d-assigned", "d-other"));
        assertThat(user.canSee(assigned)).isTrue();
        assertThat(user.canSee(client)).isFalse();
        assertThat(user.canSee(otherFirm)).as("an assignment never crosses firms").isFalse();
    }

    @Test
    void apiKeySeesItsDossierOnly() {
        Caller key = new Caller.DossierKey(client, "egk_abcdefgh");
        assertThat(key.canSee(client)).isTrue();
        assertThat(key.canSee(assigned)).isFalse();
        assertThat(key.canSee(firmOwn)).isFalse();
        assertThat(key.label()).isEqualTo("api-key:egk_abcdefgh");
    }

    private static Caller person(Role role, Set<String> assigned) {
        return new Caller.Person(new User("u", "firm-1", "u@x.fr", "U", role), assigned);
    }

    private static Dossier dossier(String id, String firmId, boolean firmOwn) {
        return new Dossier(id, firmId, "123456782", null, id, null, 12, "ACTIVE", firmOwn);
    }
}
