package io.selene.commons.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** platform-commons' logback-spring.xml (a service on its own) escapes what a message carries from a caller. */
class ServiceLoggingTest {

    @Test
    void aForgedLineStaysOnItsLine() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            // what Spring Boot's logging system sets before it reads the file
            context.putProperty("CONSOLE_LOG_THRESHOLD", "INFO");
            context.putProperty("CONSOLE_LOG_CHARSET", "UTF-8");
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(getClass().getResource("/logback-spring.xml"));
            Logger logger = context.getLogger("test");
            logger.info("GET /6/faces refused: Unknown parameter '{}'", "x\n2026-01-01 INFO admin logged in");
        } finally {
            context.stop();
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("Unknown parameter 'x\\n2026-01-01 INFO admin logged in'");
        assertThat(out.lines().count()).isEqualTo(1);
    }
}
