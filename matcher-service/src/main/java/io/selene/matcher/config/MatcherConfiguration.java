package io.selene.matcher.config;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.selene.commons.settings.LiveSettings;
import io.selene.matcher.MatcherErrors;
import io.selene.matcher.MatcherSettings;
import io.selene.matcher.faces.AccountGalleries;
import io.selene.matcher.faces.FaceIndexSettings;
import io.selene.matcher.faces.ListGalleries;
import io.selene.matcher.index.Scanner;
import io.selene.matcher.shards.ShardSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MatcherSettings.class, FaceIndexSettings.class, ShardSettings.class})
class MatcherConfiguration {

    /** Platform threads for the CPU-bound scan: one per core; the request thread does one share itself. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService scanWorkers(MatcherSettings settings) {
        return Executors.newFixedThreadPool(Math.max(1, settings.effectiveScanThreads() - 1),
                Thread.ofPlatform().name("matcher-scan-", 0).daemon(true).factory());
    }

    @Bean
    Scanner scanner(ExecutorService scanWorkers, MatcherSettings settings, MeterRegistry meters) {
        return new Scanner(scanWorkers, settings.effectiveScanThreads(), meters);
    }

    /** Gallery sizes for the dashboards: lists in the index and the descriptors they hold. */
    @Bean
    MeterBinder galleryMeters(ListGalleries galleries, AccountGalleries accounts) {
        return meters -> {
            Gauge.builder("selene.matcher.gallery.lists", galleries, ListGalleries::listCount).register(meters);
            Gauge.builder("selene.matcher.gallery.rows", galleries, ListGalleries::rows).register(meters);
            Gauge.builder("selene.matcher.account-gallery.accounts", accounts, AccountGalleries::accountCount)
                    .register(meters);
            Gauge.builder("selene.matcher.account-gallery.rows", accounts, AccountGalleries::rows).register(meters);
        };
    }

    /** The limits follow the Configurator (PLATFORM_LIMITS) per request; scan-threads is read at start only. */
    @Bean
    LiveSettings<MatcherSettings> liveMatcherSettings(Environment environment) {
        return new LiveSettings<>(environment, "selene.matcher", MatcherSettings.class);
    }

    @Bean
    MatcherErrors matcherErrors() {
        return new MatcherErrors();
    }
}
