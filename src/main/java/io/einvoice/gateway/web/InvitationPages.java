package io.einvoice.gateway.web;

import io.einvoice.gateway.users.UserAdministration;
import io.vertx.ext.web.RoutingContext;

/**
 * The page an invitation mail links to: the invited person chooses a password, then logs in. No session and no CSRF
 * token: the link's own token is the secret, and whoever holds it could post it to the API just as well.
 */
public final class InvitationPages {

    private final UserAdministration users;

    InvitationPages(UserAdministration users) {
        this.users = users;
    }

    public record InvitationPage(Frame frame, String token, String error) {
    }

    Reply page(RoutingContext ctx, Messages t) {
        String token = ctx.queryParams().get("token");
        return form(t, token == null || token.length() > 100 ? "" : token, null, 200);
    }

    Reply accept(RoutingContext ctx, Messages t) {
        Form form = Form.parse(ctx.body().asString());
        String token = form.get("token", 100);
        String next = form.get("next", 1000);
        if (next != null && !next.equals(form.get("confirm", 1000))) {
            return form(t, token, t.lookup("password.mismatch"), 400);
        }
        try {
            users.accept(token, next, WebApp.clientAddress(ctx));
        } catch (IllegalArgumentException e) {
            boolean badLink = UserAdministration.invalidLink(e);
            return form(t, token, t.lookup(badLink ? "invitation.invalid" : "password.weak"), 400);
        }
        return new Reply.Redirect("/login");
    }

    private static Reply form(Messages t, String token, String error, int status) {
        return new Reply.Html(status, Views.render("invitation.jte",
                new InvitationPage(Frame.anonymous(t, t.lookup("invitation.title"), null), token, error)));
    }
}
