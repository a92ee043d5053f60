package io.einvoice.gateway.ingest;

import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;

/**
 * What a channel knows about a file it hands over. {@code transportId} identifies this delivery at its source (a
 * file path and modification time, a mailbox UID); the same delivery seen twice is one document.
 */
public record IncomingFile(String dossierSiren, Direction direction, Channel channel, String fileName, String transportId) {
}
