package io.einvoice.gateway.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link GatewayContract} whose tests record validation verdicts themselves ({@link TestGateway#recordCleanValidation},
 * one rule at a time): the validation step is stopped as soon as the gateway has started. The whole chain, validator
 * included, is tested in ValidationPipelineContract.
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RecordsItsOwnVerdicts {
}
