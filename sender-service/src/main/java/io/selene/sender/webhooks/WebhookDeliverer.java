package io.selene.sender.webhooks;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Semaphore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.selene.commons.bus.BusGroupReader;
import io.selene.commons.bus.EventStream;
import io.selene.commons.bus.WebhookStates;
import io.selene.sender.subscriptions.BusMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Handler callbacks: reads the event bus through the consumer group shared by every sender instance
 * ({@code selene.sender.webhooks.group}) and turns each {@code webhooks} item of a message into a
 * durable delivery ({@link WebhookJobs}) before the entry is acknowledged; a scheduler thread claims
 * due deliveries and POSTs each (on a virtual thread, at most {@code concurrency} at once), signed:
 * {@code X-Selene-Signature: v1=<hex HMAC-SHA256(secret, "<X-Selene-Timestamp>." + body)>}. A 2xx is
 * delivered; anything else (or no answer within the callback's timeout) is retried after
 * {@code firstRetry}, doubling up to {@code maxRetry}, {@code maxAttempts} times in all. Each attempt
 * updates the callback's {@link WebhookStates}. At least once: a receiver may see an event twice
 * (after a crash between its answer and the bookkeeping) and should use {@code X-Selene-Event-Id}.
 */
public class WebhookDeliverer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);
    static final String SIGNATURE = "X-Selene-Signature";
    static final String TIMESTAMP = "X-Selene-Timestamp";
    private static final Duration POLL = Duration.ofMillis(200);

    private final WebhookJobs jobs;
    private final WebhookStates states;
    private final WebhookSettings settings;
    private final Clock clock;
    private final BusGroupReader reader;
    private final Semaphore slots;
    private final HttpClient http;
    private final Counter delivered;
    private final Counter failed;
    private volatile boolean running;
    private Thread scheduler;

    public WebhookDeliverer(EventStream stream, WebhookJobs jobs, WebhookStates states, WebhookSettings settings,
            JsonMapper json, Clock clock, MeterRegistry meters) {
        this.jobs = jobs;
        this.states = states;
        this.settings = settings;
        this.clock = clock;
        this.slots = new Semaphore(settings.concurrency());
        // No redirects: a callback reaches the URL it names, nothing it points to.
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.delivered = meters.counter("selene.sender.webhooks.delivered");
        this.failed = meters.counter("selene.sender.webhooks.failed");
        this.reader = new BusGroupReader(stream, settings.group(), settings.consumer(),
                entries -> entries.forEach(entry -> BusMessage.parse(entry, json).ifPresent(m -> schedule(m, json))));
    }

    /** One durable delivery per callback named by the message, due now. */
    private void schedule(BusMessage message, JsonMapper json) {
        if (!message.webhooks().isArray() || message.webhooks().isEmpty()) {
            return;
        }
        String body = json.writeValueAsString(message.event());
        String eventId = message.event().path("event_id").asString("");
        Instant now = clock.instant();
        for (JsonNode webhook : message.webhooks()) {
            int callback = webhook.path("callback").asInt(-1);
            if (callback < 0 || !webhook.path("url").isString() || !webhook.path("secret").isString()) {
                log.warn("dropped a malformed webhook of bus entry {}", message.id());
                continue;
            }
            jobs.schedule(new WebhookJobs.Job(message.id() + "/" + callback, message.account(), message.handler(),
                    callback, webhook.get("url").asString(), webhook.get("secret").asString(),
                    webhook.path("timeout").asInt(10), eventId, body, 1), now);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        reader.start("sender-webhooks-bus");
        scheduler = Thread.ofPlatform().daemon(true).name("sender-webhooks").start(this::deliverDue);
    }

    @Override
    public synchronized void stop() {
        running = false;
        reader.stop();
        if (scheduler != null) {
            scheduler.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void deliverDue() {
        while (running) {
            try {
                int free = slots.availablePermits();
                List<WebhookJobs.Job> due = free == 0 ? List.of() : jobs.claim(clock.instant(), settings.lease(), free);
                for (WebhookJobs.Job job : due) {
                    slots.acquire();
                    Thread.ofVirtual().name("webhook-" + job.id()).start(() -> {
                        try {
                            attempt(job);
                        } finally {
                            slots.release();
                        }
                    });
                }
                if (due.isEmpty()) {
                    Thread.sleep(POLL);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("webhook deliveries not readable: {}", e.toString());
                try {
                    Thread.sleep(Duration.ofSeconds(1));
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** One POST of the event; its outcome goes to the callback's state and, on failure, to a retry. */
    void attempt(WebhookJobs.Job job) {
        Instant now = clock.instant();
        try {
            URI uri = URI.create(job.url());
            if (!settings.allowPrivateHosts() && isPrivate(uri.getHost())) {
                fail(job, 0, "the callback host resolves to a loopback, private or link-local address", true, now);
                return;
            }
            String timestamp = String.valueOf(now.getEpochSecond());
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(job.timeout()))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Selene-Webhooks/1")
                    .header("X-Selene-Event-Id", job.eventId())
                    .header("X-Selene-Handler-Id", String.valueOf(job.handlerId()))
                    .header("X-Selene-Delivery-Attempt", String.valueOf(job.attempt()))
                    .header(TIMESTAMP, timestamp)
                    .header(SIGNATURE, "v1=" + sign(job.secret(), timestamp, job.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(job.body(), StandardCharsets.UTF_8)).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                states.delivered(job.handlerId(), job.callback(), status, now);
                jobs.done(job.id());
                delivered.increment();
            } else {
                fail(job, status, "HTTP " + status, false, now);
            }
        } catch (IOException | IllegalArgumentException e) {
            fail(job, 0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), false,
                    now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the lease runs out and the delivery is taken again
        }
    }

    private void fail(WebhookJobs.Job job, int status, String error, boolean permanent, Instant now) {
        failed.increment();
        boolean last = permanent || job.attempt() >= settings.maxAttempts();
        states.failed(job.handlerId(), job.callback(), status, error, now, last);
        if (last) {
            log.warn("webhook {} of handler {} gave up on event {} after {} attempts: {}", job.callback(),
                    job.handlerId(), job.eventId(), job.attempt(), error);
            jobs.done(job.id());
        } else {
            jobs.schedule(job.next(), now.plus(settings.backoff(job.attempt())));
        }
    }

    /** HMAC-SHA256 of {@code "<timestamp>.<body>"} with the callback's secret, lower-case hex. */
    static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether any address of the host is loopback, private (IPv4 RFC 1918, IPv6 fc00::/7), link-local or any. */
    static boolean isPrivate(String host) throws IOException {
        if (host == null) {
            return true;
        }
        for (InetAddress address : InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1)
                : host)) {
            boolean uniqueLocal = address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
            if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                    || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal) {
                return true;
            }
        }
        return false;
    }
}
