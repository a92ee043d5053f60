package io.einvoice.gateway.api;

import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.ApiKeyService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierService;
import io.einvoice.gateway.ingest.FolderIngest;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotAllowedException;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.StateConflictException;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** /api/dossiers: the dossiers a caller may see, creating one, issuing its API keys. */
public class DossiersApi {

    private static final int MAX_LABEL = 200;

    private final AccessService access;
    private final DossierService dossiers;
    private final ApiKeyService apiKeys;
    private final DocumentRepository documents;
    private final FolderIngest folders;

    public DossiersApi(AccessService access, DossierService dossiers, ApiKeyService apiKeys, DocumentRepository documents,
                       FolderIngest folders) {
        this.access = access;
        this.dossiers = dossiers;
        this.apiKeys = apiKeys;
        this.documents = documents;
        this.folders = folders;
    }

    public List<DossierView> list(Caller caller) {
        return access.visibleDossiers(caller).stream().map(d -> DossierView.of(d, null)).toList();
    }

    public DossierView get(Caller caller, String siren) {
        Dossier dossier = visible(caller, siren);
        return DossierView.of(dossier, documents.count(dossier.id()));
    }

    public DossierView create(Caller caller, String body) throws IOException {
        DossierService.NewDossier request = Json.read(body, DossierService.NewDossier.class);
        Dossier created;
        try {
            created = dossiers.create(caller, request);
        } catch (SecurityException e) {
            throw new NotAllowedException(e.getMessage());
        } catch (IllegalStateException e) {
            throw new StateConflictException("conflict", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        folders.createFolders(created.siren());
        return DossierView.of(created, 0L);
    }

    /** The key is in this answer only; it is stored hashed. */
    public Map<String, String> issueApiKey(Caller caller, String siren, String body, String clientAddress) {
        Dossier dossier = keyManager(caller, siren, "issue");
        String label = body == null || body.isBlank() ? null : Json.read(body, KeyRequest.class).label();
        label = label == null || label.isBlank() ? "api" : label.strip();
        if (label.length() > MAX_LABEL) {
            throw new InvalidInputException("label is at most " + MAX_LABEL + " characters");
        }
        ApiKeyService.IssuedKey issued = apiKeys.issue(dossier, label, caller.label(), clientAddress);
        return Map.of("id", issued.id(), "prefix", issued.prefix(), "key", issued.key(), "dossier", dossier.siren());
    }

    /** The dossier's keys, revoked ones included, never the keys themselves. */
    public List<KeyView> listApiKeys(Caller caller, String siren) {
        return apiKeys.list(keyManager(caller, siren, "list")).stream().map(KeyView::of).toList();
    }

    public KeyView revokeApiKey(Caller caller, String siren, String keyId, String clientAddress) {
        Dossier dossier = keyManager(caller, siren, "revoke");
        return apiKeys.revoke(dossier, keyId, caller.label(), clientAddress).map(KeyView::of)
                .orElseThrow(() -> new NotVisibleException("this API key"));
    }

    /** Keys are managed by people: a key that could list or make keys would outlive its own revocation. */
    private Dossier keyManager(Caller caller, String siren, String verb) {
        Dossier dossier = visible(caller, siren);
        if (!(caller instanceof Caller.Person)) {
            throw new NotAllowedException("an API key cannot " + verb + " API keys; log in as a user of the firm");
        }
        return dossier;
    }

    Dossier visible(Caller caller, String siren) {
        return access.visibleDossier(caller, siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
    }

    record KeyRequest(String label) {
    }

    public record KeyView(String id, String prefix, String label, String createdAt, String revokedAt) {
        static KeyView of(ApiKeyService.KeyInfo key) {
            return new KeyView(key.id(), key.prefix(), key.label(), key.createdAt().toString(),
                    key.revokedAt() == null ? null : key.revokedAt().toString());
        }
    }
}
