package io.einvoice.gateway.lifecycle;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static io.einvoice.gateway.lifecycle.ReasonCode.*;

/**
 * The invoice lifecycle statuses of the French reform (CDAR ProcessConditionCode MDT-105, list BR-FR-CDV-CL-06) that
 * this gateway emits or follows. Mandatory ones (200, 210, 212, 213, 501) are always emitted where they apply; those
 * that need a reason (BR-FR-CDV-15) accept only the reason codes BR-FR-CDV-CL-09 allows for them.
 */
public enum LifecycleCode {
    DEPOSEE(200, "Déposée", true, EnumSet.noneOf(ReasonCode.class)),
    EMISE(201, "Émise par la plateforme", false, null),
    RECUE(202, "Reçue par la plateforme", false, null),
    MISE_A_DISPOSITION(203, "Mise à disposition", false, null),
    PRISE_EN_CHARGE(204, "Prise en charge", false, null),
    APPROUVEE(205, "Approuvée", false, null),
    APPROUVEE_PARTIELLEMENT(206, "Approuvée partiellement", false, EnumSet.of(AUTRE, CMD_ERR, SIRET_ERR, CODE_ROUTAGE_ERR,
            REF_CT_ABSENT, REF_ERR, PU_ERR, REM_ERR, QTE_ERR, ART_ERR, MODPAI_ERR, QUALITE_ERR, LIVR_INCOMP)),
    EN_LITIGE(207, "En litige", false, EnumSet.of(AUTRE, COORD_BANC_ERR, TX_TVA_ERR, MONTANTTOTAL_ERR, CALCUL_ERR,
            NON_CONFORME, DOUBLON, DEST_INC, DEST_ERR, TRANSAC_INC, EMMET_INC, CONTRAT_TERM, DOUBLE_FACT, CMD_ERR, ADR_ERR,
            SIRET_ERR, CODE_ROUTAGE_ERR, REF_CT_ABSENT, REF_ERR, PU_ERR, REM_ERR, QTE_ERR, ART_ERR, MODPAI_ERR, QUALITE_ERR,
            LIVR_INCOMP)),
    SUSPENDUE(208, "Suspendue", false, EnumSet.of(JUSTIF_ABS, COORD_BANC_ERR, CMD_ERR, SIRET_ERR, CODE_ROUTAGE_ERR,
            REF_CT_ABSENT, REF_ERR)),
    COMPLETEE(209, "Complétée", false, null),
    REFUSEE(210, "Refusée", true, EnumSet.of(TX_TVA_ERR, MONTANTTOTAL_ERR, CALCUL_ERR, NON_CONFORME, DOUBLON, DEST_ERR,
            TRANSAC_INC, EMMET_INC, CONTRAT_TERM, DOUBLE_FACT, CMD_ERR, ADR_ERR, REF_CT_ABSENT)),
    PAIEMENT_TRANSMIS(211, "Paiement transmis", false, null),
    ENCAISSEE(212, "Encaissée", true, null),
    REJETEE(213, "Rejetée", true, EnumSet.of(MONTANTTOTAL_ERR, CALCUL_ERR, DOUBLON, DEST_INC, ADR_ERR, REJ_SEMAN, REJ_UNI,
            REJ_COH, REJ_ADR, REJ_CONT_B2G, REJ_REF_PJ, REJ_ASS_PJ)),
    IRRECEVABLE(501, "Irrecevable", true, EnumSet.of(IRR_VIDE_F, IRR_TYPE_F, IRR_SYNTAX, IRR_TAILLE_PJ, IRR_NOM_PJ,
            IRR_VID_PJ, IRR_EXT_DOC, IRR_TAILLE_F, IRR_ANTIVIRUS));

    private final int code;
    private final String label;
    private final boolean mandatory;
    /** null: no reason needed; an empty set for 200 whose only reason (NON_TRANSMISE) the gateway never gives. */
    private final Set<ReasonCode> reasons;

    LifecycleCode(int code, String label, boolean mandatory, Set<ReasonCode> reasons) {
        this.code = code;
        this.label = label;
        this.mandatory = mandatory;
        this.reasons = reasons;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    public boolean mandatory() {
        return mandatory;
    }

    /** BR-FR-CDV-15: 206, 207, 208, 210, 213 and 501 are never sent without a reason code. */
    public boolean needsReason() {
        return reasons != null && !reasons.isEmpty();
    }

    public boolean allows(ReasonCode reason) {
        return reasons != null && reasons.contains(reason);
    }

    public static Optional<LifecycleCode> of(int code) {
        return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
    }

    @Override
    public String toString() {
        return code + " " + label;
    }
}
