package io.einvoice.gateway.connector;

/** How a REST/JSON connector signs its requests; the token, key, password or client secret is the connector's secret. */
public enum RestAuth {
    NONE, BEARER, API_KEY, BASIC, OAUTH2
}
