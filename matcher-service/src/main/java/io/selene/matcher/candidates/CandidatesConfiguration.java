package io.selene.matcher.candidates;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CandidateSettings.class)
class CandidatesConfiguration {
}
