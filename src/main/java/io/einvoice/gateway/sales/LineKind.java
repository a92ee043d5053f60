package io.einvoice.gateway.sales;

/** What a line sells: it decides the operation category of BT-23 (goods B1, services S1, both M1). */
public enum LineKind {
    GOODS, SERVICE
}
