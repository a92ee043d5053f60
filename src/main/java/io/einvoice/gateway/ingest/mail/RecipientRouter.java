package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.document.Direction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * For a catch-all mailbox: which dossiers a mail is for, from its recipients (Delivered-To, X-Original-To, To, Cc)
 * in the inbound domain. A mail for two dossiers is for both; a sales address makes a sales document.
 */
public final class RecipientRouter {

    private RecipientRouter() {
    }

    public record Target(String siren, Direction direction, String address) {
    }

    /** @param unknown the recipients in the domain that are no dossier's address */
    public record Routing(List<Target> targets, List<String> unknown) {
    }

    public static Routing route(List<String> recipients, String domain, List<InboundAddress> addresses) {
        Map<String, Target> byLocalPart = new LinkedHashMap<>();
        for (InboundAddress a : addresses) {
            byLocalPart.put(InboundAddress.key(a.purchase()), new Target(a.siren(), Direction.PURCHASE, null));
            byLocalPart.put(InboundAddress.key(a.sales()), new Target(a.siren(), Direction.SALES, null));
        }
        String suffix = "@" + domain.toLowerCase(Locale.ROOT);
        List<Target> targets = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String recipient : recipients) {
            String address = recipient.toLowerCase(Locale.ROOT);
            if (!address.endsWith(suffix)) {
                continue;
            }
            Target match = byLocalPart.get(address.substring(0, address.length() - suffix.length()));
            if (match == null) {
                unknown.add(address);
            } else if (targets.stream().noneMatch(t -> t.siren().equals(match.siren()) && t.direction() == match.direction())) {
                targets.add(new Target(match.siren(), match.direction(), address));
            }
        }
        return new Routing(List.copyOf(targets), List.copyOf(unknown));
    }
}
