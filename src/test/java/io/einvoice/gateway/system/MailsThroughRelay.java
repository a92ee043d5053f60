package io.einvoice.gateway.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link GatewayContract}: its gateway mails (receipts, invitations) through a relay of the test's own,
 * {@link GatewayContract#relay}, sending as {@link #value()}; the relay starts before the gateway and stops after it.
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MailsThroughRelay {

    /** The gateway's sender address. */
    String value();
}
