package io.einvoice.gateway.sales;

import java.math.BigDecimal;

/** A product or service a dossier sells, at a unit price excluding VAT (BT-146) per unit (BT-130, UN/ECE Rec 20). */
public record CatalogueItem(String id, String dossierId, LineKind kind, String label, String unitCode, BigDecimal unitPrice,
                            VatChoice vat, boolean active) {
}
