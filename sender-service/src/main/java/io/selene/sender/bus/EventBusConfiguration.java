package io.selene.sender.bus;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** Subscribes to the bus channel {@code <selene.redis.key-prefix>events}. */
@Configuration(proxyBeanMethods = false)
public class EventBusConfiguration {

    @Bean
    RedisMessageListenerContainer eventBus(RedisConnectionFactory connectionFactory, EventBusListener listener,
            @Value("${selene.redis.key-prefix}") String prefix) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connectionFactory);
        // One message at a time on the subscription thread: bus order is the order every subscriber sees.
        // The listener only filters and queues (never blocks on a socket), so this thread keeps up.
        container.setTaskExecutor(new SyncTaskExecutor());
        container.addMessageListener(listener, new ChannelTopic(prefix + "events"));
        return container;
    }
}
