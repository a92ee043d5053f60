package io.einvoice.gateway.dispatch.pa.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One flow held by the simulated PA, as the XP Z12-013 Flow resource describes it. */
final class SimulatedFlow {

    final String flowId;
    final String organization;
    final String direction;
    final String flowType;
    final String name;
    final String flowSyntax;
    final String flowProfile;
    final String processingRule;
    final String processingRuleSource;
    final String trackingId;
    final String sha256;
    final byte[] file;
    final Instant submittedAt;
    Instant updatedAt;
    String ackStatus;
    /** [level, item, reasonCode, reasonMessage] of each acknowledgement detail. */
    final List<String[]> details = new ArrayList<>();
    /** When a Pending flow is checked (clock time). */
    Instant checkAt;

    SimulatedFlow(String flowId, String organization, String direction, String flowType, String name, String flowSyntax,
                  String flowProfile, String processingRule, String processingRuleSource, String trackingId, String sha256,
                  byte[] file, Instant submittedAt, String ackStatus) {
        this.flowId = flowId;
        this.organization = organization;
        this.direction = direction;
        this.flowType = flowType;
        this.name = name;
        this.flowSyntax = flowSyntax;
        this.flowProfile = flowProfile;
        this.processingRule = processingRule;
        this.processingRuleSource = processingRuleSource;
        this.trackingId = trackingId;
        this.sha256 = sha256;
        this.file = file;
        this.submittedAt = submittedAt;
        this.updatedAt = submittedAt;
        this.ackStatus = ackStatus;
    }
}
