package io.selene.commons.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class EscapedMessageConverterTest {

    @Test
    void callerInputCannotWriteASecondLogLine() {
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("m", EscapedMessageConverter::new);
        layout.setPattern("%p %m%n");
        layout.start();
        Logger logger = context.getLogger("test");
        String forged = "GET /6/faces?x%0A refused: Unknown parameter 'x\n2026-01-01 INFO admin logged in\r'";
        LoggingEvent event = new LoggingEvent("test", logger, Level.INFO, "{}", null, new Object[] {forged});

        String line = layout.doLayout(event);

        assertThat(line).isEqualTo("INFO GET /6/faces?x%0A refused: Unknown parameter "
                + "'x\\n2026-01-01 INFO admin logged in\\r'" + System.lineSeparator());
        assertThat(EscapedMessageConverter.escape("nul\0bell\u0007tab\t")).isEqualTo("nul\\u0000bell\\u0007tab\t");
    }
}
