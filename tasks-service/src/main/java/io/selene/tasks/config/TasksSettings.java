package io.selene.tasks.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of tasks-service ({@code selene.tasks.*} in tasks-service.yml).
 *
 * @param role              {@code all} (API and workers), {@code api} (API only) or {@code worker} (workers only)
 * @param workers           subtasks this instance runs at once
 * @param lease             how long a claimed subtask stays with its worker without a heartbeat
 * @param heartbeat         how often a worker renews its leases (and sees a cancel)
 * @param pollInterval      how often an idle worker looks for work
 * @param maxAttempts       claims of one subtask before it is given up as failed
 * @param retryDelay        wait before a subtask that met a transient failure is claimed again
 * @param resultBucket      Image Store bucket of task results
 * @param resultTtl         lifetime of a result when the task does not say
 * @param resultMaxTtl      largest {@code result_storage_policy.ttl}
 * @param maxResultSize     largest result (and largest partial result of a subtask)
 * @param objectsPerSubtask faces or events per subtask
 * @param imagesPerSubtask  images per estimator subtask (at most what a handler takes in one request)
 * @param maxSubtasks       most subtasks one task is split into
 * @param schedulePoll      how often an instance with workers turns due schedules into tasks
 * @param maxSchedules      most schedules of one account
 * @param clustering        limits of the clustering and cross-matching tasks
 */
@ConfigurationProperties("selene.tasks")
public record TasksSettings(String role, int workers, Duration lease, Duration heartbeat, Duration pollInterval,
        int maxAttempts, Duration retryDelay, String resultBucket, Duration resultTtl, Duration resultMaxTtl,
        DataSize maxResultSize, int objectsPerSubtask, int imagesPerSubtask, int maxSubtasks, Estimator estimator,
        Duration schedulePoll, int maxSchedules, Clustering clustering) {

    public TasksSettings {
        if (!List.of("all", "api", "worker").contains(role)) {
            throw new IllegalArgumentException("selene.tasks.role (SELENE_TASKS_ROLE) must be all, api or worker, not '"
                    + role + "'");
        }
        if (workers < 0 || objectsPerSubtask < 1 || imagesPerSubtask < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("selene.tasks: workers >= 0, objects/images per subtask and "
                    + "max-attempts >= 1");
        }
        if (heartbeat.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("selene.tasks.heartbeat must be shorter than selene.tasks.lease");
        }
    }

    /**
     * Limits of the analytic tasks.
     *
     * @param maxDescriptors   most descriptors a clustering task (or a cross-match's side) reads
     * @param threads          threads of the similarity kernel (0: one per core)
     * @param defaultThreshold similarity at which two faces are one person when the task does not say
     */
    public record Clustering(int maxDescriptors, int threads, double defaultThreshold) {

        /** The kernel's threads: the setting, or one per core. */
        public int kernelThreads() {
            return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        }
    }

    /** Whether this instance answers {@code /1/tasks}. */
    public boolean servesApi() {
        return !role.equals("worker");
    }

    /** Whether this instance runs workers. */
    public boolean runsWorkers() {
        return !role.equals("api") && workers > 0;
    }

    /**
     * Limits of the estimator's image sources.
     *
     * @param urlHosts    hosts ({@code host} or {@code host:port}) image URLs may name; empty = URL sources refused
     * @param s3Endpoints S3 endpoints ({@code scheme://host[:port]}) a task may read; empty = S3 sources refused
     * @param imageBucket Image Store bucket the images of an archive are unpacked to (with a TTL)
     */
    public record Estimator(DataSize maxArchiveSize, int maxArchiveEntries, DataSize maxUnpackedSize,
            DataSize maxImageSize, int maxCompressionRatio, int maxImages, List<String> urlHosts,
            List<String> s3Endpoints, String imageBucket) {

        public Estimator {
            urlHosts = urlHosts == null ? List.of() : urlHosts.stream().map(String::trim).filter(s -> !s.isEmpty())
                    .toList();
            s3Endpoints = s3Endpoints == null ? List.of() : s3Endpoints.stream().map(String::trim)
                    .filter(s -> !s.isEmpty()).toList();
        }
    }
}
