package io.einvoice.gateway.accounting;

import java.math.BigDecimal;

/**
 * One line of a journal entry; exactly one of debit and credit is non-zero.
 *
 * @param auxAccount the third party's auxiliary account on the PARTY line, null elsewhere
 * @param vatRate    the rate of the VAT line or of the base it belongs to, null on the PARTY line
 */
public record JournalLine(int lineNo, Role role, String account, String accountLabel, String auxAccount, String auxLabel,
                          BigDecimal vatRate, BigDecimal debit, BigDecimal credit) {

    /** What a line books: a correction of the account changes the BASE lines only. */
    public enum Role {
        /** the expense (purchase) or income (sales) base of one VAT rate */
        BASE,
        VAT,
        /** the supplier or customer, for the amount including VAT */
        PARTY
    }

    JournalLine withAccounts(String newAccount, String newAux) {
        return new JournalLine(lineNo, role, newAccount == null ? account : newAccount, accountLabel,
                newAux == null ? auxAccount : newAux, auxLabel, vatRate, debit, credit);
    }
}
