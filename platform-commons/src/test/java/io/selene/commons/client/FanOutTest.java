package io.selene.commons.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class FanOutTest {

    @Test
    void aSlowServiceCostsTheDeadlineOnceAndIsReportedNotWaitedFor() {
        long started = System.nanoTime();
        FanOut.Answers<String, String> answers = FanOut.ask(List.of("fast", "slow", "broken", "also-slow"),
                name -> switch (name) {
                    case "fast" -> "ok";
                    case "broken" -> throw new IllegalStateException("refused");
                    default -> {
                        try {
                            Thread.sleep(10_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        yield "late";
                    }
                }, Duration.ofMillis(300));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(answers.answered()).containsExactly(java.util.Map.entry("fast", "ok"));
        assertThat(answers.failed()).containsOnlyKeys("slow", "broken", "also-slow");
        assertThat(answers.failed().get("broken")).hasMessage("refused");
        assertThat(answers.failed().get("slow")).isInstanceOf(TimeoutException.class);
        assertThat(millis).as("two slow services wait one deadline, not two").isLessThan(2_000);
    }

    @Test
    void callsCarryTheCallersRequestId() {
        MDC.put("request_id", "r-42");
        try {
            FanOut.Answers<Integer, String> answers = FanOut.ask(List.of(1, 2, 3), n -> MDC.get("request_id") + "/" + n,
                    Duration.ofSeconds(5));
            assertThat(answers.answered().values()).containsExactly("r-42/1", "r-42/2", "r-42/3");
            assertThat(answers.failed()).isEmpty();
        } finally {
            MDC.remove("request_id");
        }
    }
}
