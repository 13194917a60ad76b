package io.selene.backport;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param verifyThreshold LP3's {@code /matching/verify} status: similarity at least this
 * @param maxPageSize     largest {@code page_size} of a legacy list request
 */
@ConfigurationProperties("selene.backport")
public record BackportSettings(double verifyThreshold, int maxPageSize) {
}
