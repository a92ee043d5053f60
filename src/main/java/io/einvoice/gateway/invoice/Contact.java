package io.einvoice.gateway.invoice;

/** Seller / buyer contact (BG-6, BG-9). */
public record Contact(String name, String phone, String email) {
}
