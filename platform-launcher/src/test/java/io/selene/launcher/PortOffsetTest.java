package io.selene.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** {@code SELENE_PORT_OFFSET}: the launcher's table of default ports is each service's own, and every port moves. */
class PortOffsetTest {

    @Test
    void theDefaultPortsAreTheServicesOwnAndAnOffsetMovesEveryOne() throws IOException {
        Pattern port = Pattern.compile("port: \\$\\{SERVER_PORT:(\\d+)}");
        for (Class<?> service : PlatformLauncher.SERVICES) {
            String name = PlatformLauncher.serviceName(service);
            String yml = Files.readString(Path.of("..", name, "src", "main", "resources", name + ".yml"));
            Matcher matcher = port.matcher(yml);
            assertThat(matcher.find()).as(name + ".yml has a SERVER_PORT default").isTrue();
            assertThat(PlatformLauncher.DEFAULT_PORTS.get(name)).as(name).isEqualTo(Integer.parseInt(matcher.group(1)));
        }
        assertThat(PlatformLauncher.offsetArguments("faces-service", 0)).isEmpty();
        assertThat(PlatformLauncher.offsetArguments("faces-service", 700)).contains("--server.port=5730",
                "--selene.services.api-service.url=http://127.0.0.1:5700",
                "--selene.services.accounts-service.url=http://127.0.0.1:5870")
                .hasSize(1 + PlatformLauncher.SERVICES.size());
    }
}
