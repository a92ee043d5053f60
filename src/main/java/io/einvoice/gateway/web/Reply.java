package io.einvoice.gateway.web;

import io.einvoice.gateway.api.Download;

/** What a page handler answers: a page, a redirect after a form (so a reload never posts twice), or a file. */
sealed interface Reply {

    record Html(int status, String body) implements Reply {
    }

    record Redirect(String location) implements Reply {
    }

    record File(Download download) implements Reply {
    }

    record Png(byte[] content) implements Reply {
    }

    static Reply page(String template, Object page) {
        return new Html(200, Views.render(template, page));
    }
}
