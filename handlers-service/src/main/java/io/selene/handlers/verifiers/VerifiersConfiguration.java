package io.selene.handlers.verifiers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The verifiers' error catalogue (listed at {@code /docs/errors}). */
@Configuration(proxyBeanMethods = false)
class VerifiersConfiguration {

    @Bean
    VerifierErrors verifierErrors() {
        return new VerifierErrors();
    }
}
