package io.selene.tasks;

import io.selene.commons.PlatformService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Batch tasks, subtasks and schedules (schema tasks). */
@SpringBootApplication
@PlatformService(name = "tasks-service", apiVersion = 1)
public class TasksServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(TasksServiceApplication.class, args);
    }
}
