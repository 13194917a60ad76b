package io.selene.tasks.config;

import io.selene.tasks.TasksErrors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TasksSettings.class)
public class TasksConfiguration {

    @Bean
    TasksErrors tasksErrors() {
        return new TasksErrors();
    }
}
