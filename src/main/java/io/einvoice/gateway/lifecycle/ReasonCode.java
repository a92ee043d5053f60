package io.einvoice.gateway.lifecycle;

import java.util.Arrays;
import java.util.Optional;

/**
 * Reason codes of a lifecycle status (MDT-113), the closed list BR-FR-CDV-CL-09 of the FNFE BR-FR-CDV schematron
 * 1.3.0: business reasons a buyer or seller gives, then the platform's rejection (REJ_*) and non-receivability
 * (IRR_*) reasons.
 */
public enum ReasonCode {
    NON_TRANSMISE, JUSTIF_ABS, ROUTAGE_ERR, AUTRE, COORD_BANC_ERR, TX_TVA_ERR, MONTANTTOTAL_ERR, CALCUL_ERR, NON_CONFORME,
    DOUBLON, DEST_INC, DEST_ERR, TRANSAC_INC, EMMET_INC, CONTRAT_TERM, DOUBLE_FACT, CMD_ERR, ADR_ERR, SIRET_ERR,
    CODE_ROUTAGE_ERR, REF_CT_ABSENT, REF_ERR, PU_ERR, REM_ERR, QTE_ERR, ART_ERR, MODPAI_ERR, QUALITE_ERR, LIVR_INCOMP,
    REJ_SEMAN, REJ_UNI, REJ_COH, REJ_ADR, REJ_CONT_B2G, REJ_REF_PJ, REJ_ASS_PJ,
    IRR_VIDE_F, IRR_TYPE_F, IRR_SYNTAX, IRR_TAILLE_PJ, IRR_NOM_PJ, IRR_VID_PJ, IRR_EXT_DOC, IRR_TAILLE_F, IRR_ANTIVIRUS;

    /** The code named by {@code text} exactly, empty for anything else (never an exception on outside input). */
    public static Optional<ReasonCode> of(String text) {
        return text == null ? Optional.empty() : Arrays.stream(values()).filter(c -> c.name().equals(text.strip())).findFirst();
    }
}
