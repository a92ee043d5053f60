package io.einvoice.gateway.dispatch.pa;

import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.Siren;
import io.einvoice.gateway.outbound.OutboundGuard;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks and stores a dossier's PA account. Every refusal is an {@link IllegalArgumentException} whose message names
 * the field and what it must be; the URLs' hosts go through the {@link OutboundGuard} as every host a user sets.
 */
public class PaAccountService {

    static final int MAX_BUYERS = 1000;
    private static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final Pattern ORGANIZATION = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final PaAccounts accounts;
    private final OutboundGuard guard;
    private final TransactionTemplate transactions;

    public PaAccountService(PaAccounts accounts, OutboundGuard guard, TransactionTemplate transactions) {
        this.accounts = accounts;
        this.guard = guard;
        this.transactions = transactions;
    }

    public Optional<PaAccount> find(Dossier dossier) {
        return accounts.find(dossier.id());
    }

    public PaAccount save(Dossier dossier, PaAccountRequest r) {
        String baseUrl = url("baseUrl", r.baseUrl());
        String tokenUrl = r.tokenUrl() == null || r.tokenUrl().isBlank() ? baseUrl + "/oauth/token" : url("tokenUrl", r.tokenUrl());
        if (r.clientId() == null || !CLIENT_ID.matcher(r.clientId()).matches()) {
            throw new IllegalArgumentException("clientId is required: 1 to 200 printable characters, no spaces");
        }
        String organization = r.organizationId() == null || r.organizationId().isBlank() ? dossier.siren() : r.organizationId();
        if (!ORGANIZATION.matcher(organization).matches()) {
            throw new IllegalArgumentException("organizationId must be 1 to 100 letters, digits, '.', '_', ':' or '-'"
                    + " (usually the dossier's SIREN)");
        }
        if (r.clientSecret() != null && (r.clientSecret().isEmpty() || r.clientSecret().length() > 500)) {
            throw new IllegalArgumentException("clientSecret must be 1 to 500 characters");
        }
        if (r.webhookSecret() != null && (r.webhookSecret().length() < 16 || r.webhookSecret().length() > 200)) {
            throw new IllegalArgumentException("webhookSecret must be 16 to 200 characters (it signs the PA's webhook calls)");
        }
        List<String> buyers = buyers(r.buyers());
        boolean known = accounts.find(dossier.id()).isPresent();
        if (!known && r.clientSecret() == null) {
            throw new IllegalArgumentException("clientSecret is required when the PA account is first set");
        }
        PaAccount account = new PaAccount(dossier.id(), baseUrl, tokenUrl, r.clientId(), organization, false, buyers, null, null,
                null);
        transactions.executeWithoutResult(tx -> accounts.save(account, r.clientSecret(), r.webhookSecret()));
        return accounts.find(dossier.id()).orElseThrow();
    }

    private String url(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required: the https URL of the PA's flow API");
        }
        if (value.length() > 500) {
            throw new IllegalArgumentException(field + " is longer than 500 characters");
        }
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(field + " must be an http or https URL with a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(field + " must not carry credentials, a query or a fragment");
        }
        String refusal = guard.refusal(uri.getHost());
        if (refusal != null) {
            throw new IllegalArgumentException(field + ": " + refusal);
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static List<String> buyers(List<String> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_BUYERS) {
            throw new IllegalArgumentException("buyers lists at most " + MAX_BUYERS + " SIRENs");
        }
        LinkedHashSet<String> sirens = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String siren = given.get(i);
            if (siren == null || !Siren.isValid(siren)) {
                throw new IllegalArgumentException("buyers[" + i + "] is not a valid SIREN (9 digits with a valid check digit)");
            }
            sirens.add(siren);
        }
        return new ArrayList<>(sirens);
    }
}
