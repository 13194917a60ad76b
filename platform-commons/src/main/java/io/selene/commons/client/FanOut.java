package io.selene.commons.client;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.slf4j.MDC;

/**
 * Asks several services at once with one deadline for all (version, health, error catalogues, specs):
 * one slow or dead service costs the deadline once, not once per service, and never blocks the answer.
 */
public final class FanOut {

    private FanOut() {
    }

    /** What answered (in key order) and why the others did not (a failure, or the deadline). */
    public record Answers<K, V>(Map<K, V> answered, Map<K, Throwable> failed) {
    }

    /**
     * Calls {@code call} for every key on its own virtual thread, with the caller's logging context
     * (request id); waits at most {@code deadline} in all and cancels what is still running then.
     * A call that returns null counts as a failure.
     */
    public static <K extends Comparable<K>, V> Answers<K, V> ask(Collection<K> keys, Function<K, V> call,
            Duration deadline) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        Map<K, V> answered = new TreeMap<>();
        Map<K, Throwable> failed = new TreeMap<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<K, Future<V>> asked = new LinkedHashMap<>();
            for (K key : keys) {
                asked.put(key, executor.submit(() -> {
                    if (context != null) {
                        MDC.setContextMap(context);
                    }
                    return call.apply(key);
                }));
            }
            long end = System.nanoTime() + deadline.toNanos();
            for (Map.Entry<K, Future<V>> answer : asked.entrySet()) {
                try {
                    V value = answer.getValue().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (value == null) {
                        failed.put(answer.getKey(), new IllegalStateException("empty answer"));
                    } else {
                        answered.put(answer.getKey(), value);
                    }
                } catch (ExecutionException e) {
                    failed.put(answer.getKey(), e.getCause());
                } catch (TimeoutException e) {
                    answer.getValue().cancel(true);
                    failed.put(answer.getKey(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    asked.values().forEach(future -> future.cancel(true));
                    failed.put(answer.getKey(), e);
                    break;
                }
            }
            asked.values().forEach(future -> future.cancel(true));
        }
        return new Answers<>(answered, failed);
    }
}
