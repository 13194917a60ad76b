package io.selene.handlers.policies;

public record NotificationPolicy(int sendNotification, EventFilters filters) {
}
