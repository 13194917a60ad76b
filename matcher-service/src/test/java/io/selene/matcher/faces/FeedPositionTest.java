package io.selene.matcher.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * Coalesced position reads never hand a request the answer of a read sent before it arrived (that read
 * may have missed a write acknowledged just before the request), and requests arriving while one read
 * is in flight share the next one.
 */
class FeedPositionTest {

    @Test
    void requestsArrivingDuringAReadShareTheNextOneNeverTheEarlierOne() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        CountDownLatch firstMayAnswer = new CountDownLatch(1);
        CountDownLatch firstSent = new CountDownLatch(1);
        FeedPosition position = new FeedPosition(() -> {
            int n = sent.incrementAndGet(); // the position "Faces" answers is the number of the read
            if (n == 1) {
                firstSent.countDown();
                try {
                    firstMayAnswer.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return n;
        });
        ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor(); // one thread per request
        CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> position.read(10_000), requests);
        assertThat(firstSent.await(10, TimeUnit.SECONDS)).isTrue();
        // arrive while read 1 is on its way: must not get 1
        CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> position.read(10_000), requests);
        CompletableFuture<Long> third = CompletableFuture.supplyAsync(() -> position.read(10_000), requests);
        Thread.sleep(200); // let both join the next read (a test of timing, not of the matcher's path)
        firstMayAnswer.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(sent.get()).as("one read served both later requests").isEqualTo(2);
        assertThat(position.read(10_000)).as("alone: a read of its own").isEqualTo(3);
        requests.shutdown();
    }
}
