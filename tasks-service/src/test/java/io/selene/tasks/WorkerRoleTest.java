package io.selene.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.selene.tasks.engine.WorkerPool;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** An extra instance started with {@code SELENE_TASKS_ROLE=worker}: workers run, the task API is not served. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"selene.tasks.role=worker", "selene.tasks.workers=1"})
class WorkerRoleTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    WorkerPool workers;

    @Test
    void aWorkerInstanceRunsWorkersAndServesNoTaskRoutes() {
        assertThat(workers.isRunning()).isTrue();
        refused(HttpProbe.internal(port, UUID.randomUUID()).get("/1/tasks"), 404, 106);
        assertThat(HttpProbe.onPort(port).get("/healthcheck").status()).isEqualTo(200);
    }

    static void refused(HttpProbe.Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        io.selene.testsupport.ServiceConventionsTest.assertLunaError(answer, code);
    }
}
