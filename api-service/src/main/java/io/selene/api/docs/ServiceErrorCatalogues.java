package io.selene.api.docs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.selene.commons.PlatformSettings;
import io.selene.commons.client.FanOut;
import io.selene.commons.client.InternalClients;
import io.selene.commons.docs.ErrorCatalogueController.ErrorEntry;
import io.selene.commons.docs.RemoteErrorCatalogues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Every other service's {@code /docs/errors}, asked in parallel with a deadline. A catalogue only
 * changes with a service's code, so each one is kept once read; a service that does not answer is
 * asked again next time (and left out meanwhile).
 */
@Component
public class ServiceErrorCatalogues implements RemoteErrorCatalogues {

    private static final Logger log = LoggerFactory.getLogger(ServiceErrorCatalogues.class);
    private static final ParameterizedTypeReference<List<ErrorEntry>> ENTRIES = new ParameterizedTypeReference<>() {
    };

    private final Map<String, RestClient> clients = new TreeMap<>();
    private final Map<String, List<ErrorEntry>> read = new ConcurrentHashMap<>();
    private final Duration timeout;

    public ServiceErrorCatalogues(PlatformSettings settings, InternalClients internalClients,
            @Value("${selene.version.probe-timeout:2s}") Duration timeout) {
        this.timeout = timeout;
        settings.services().keySet().stream()
                .filter(name -> !name.equals(settings.service().name()))
                .forEach(name -> clients.put(name, internalClients.restClient(name)));
    }

    @Override
    public Map<String, List<ErrorEntry>> catalogues() {
        List<String> unread = clients.keySet().stream().filter(name -> !read.containsKey(name)).toList();
        FanOut.Answers<String, List<ErrorEntry>> answers = FanOut.ask(unread, name -> clients.get(name).get()
                .uri("/docs/errors").accept(MediaType.APPLICATION_JSON).retrieve().body(ENTRIES), timeout);
        answers.answered().forEach((name, entries) -> read.put(name, List.copyOf(entries)));
        answers.failed().forEach((name, why) -> log.info("error catalogue of {} not read: {}", name, why.toString()));
        return new TreeMap<>(read);
    }
}
