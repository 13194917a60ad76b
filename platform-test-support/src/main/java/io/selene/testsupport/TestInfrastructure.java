package io.selene.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL and Redis that integration tests talk to, one per test JVM: containers
 * when a Docker engine answers, otherwise the servers at {@code SELENE_DB_*} / {@code SELENE_REDIS_*}
 * (default 127.0.0.1). Each JVM gets its own database and Redis key prefix, so parallel or
 * repeated runs never see each other's data; the database is dropped when the JVM exits.
 */
public final class TestInfrastructure {

    private static final String DB_PREFIX = "selene_test_";
    private static final long STALE_AFTER_SECONDS = 6 * 3600;

    private static volatile TestInfrastructure instance;

    private final String jdbcBase;
    private final String user;
    private final String password;
    private final String database;
    private final String redisHost;
    private final int redisPort;
    private final String runId;

    private TestInfrastructure(String jdbcBase, String user, String password, String redisHost, int redisPort) {
        this.jdbcBase = jdbcBase;
        this.user = user;
        this.password = password;
        this.redisHost = redisHost;
        this.redisPort = redisPort;
        this.runId = Instant.now().getEpochSecond() + "_" + UUID.randomUUID().toString().substring(0, 8);
        this.database = DB_PREFIX + runId;
        createDatabase();
        Runtime.getRuntime().addShutdownHook(new Thread(this::dropDatabase, "drop-test-database"));
    }

    public static TestInfrastructure get() {
        TestInfrastructure local = instance;
        if (local == null) {
            synchronized (TestInfrastructure.class) {
                local = instance;
                if (local == null) {
                    local = start();
                    instance = local;
                }
            }
        }
        return local;
    }

    private static TestInfrastructure start() {
        if (!"false".equals(env("SELENE_TEST_CONTAINERS", "auto")) && dockerAvailable()) {
            PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15");
            postgres.start();
            GenericContainer<?> redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
            redis.start();
            String base = "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/";
            return new TestInfrastructure(base, postgres.getUsername(), postgres.getPassword(), redis.getHost(),
                    redis.getMappedPort(6379));
        }
        String base = "jdbc:postgresql://" + env("SELENE_DB_HOST", "127.0.0.1") + ":" + env("SELENE_DB_PORT", "5432")
                + "/";
        return new TestInfrastructure(base, env("SELENE_DB_USER", "postgres"), env("SELENE_DB_PASSWORD", ""),
                env("SELENE_REDIS_HOST", "127.0.0.1"), Integer.parseInt(env("SELENE_REDIS_PORT", "6379")));
    }

    private static boolean dockerAvailable() {
        boolean dockerConfigured = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"));
        if (!dockerConfigured) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Spring properties pointing a service at this JVM's database and Redis. */
    public Map<String, Object> springProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl());
        properties.put("spring.datasource.username", user);
        properties.put("spring.datasource.password", password);
        properties.put("spring.data.redis.host", redisHost);
        properties.put("spring.data.redis.port", redisPort);
        properties.put("selene.redis.key-prefix", "selene-test-" + runId + ":");
        properties.put("selene.internal.secret", internalSecret());
        return properties;
    }

    /** The shared secret internal services of this test run demand (see {@link HttpProbe#internal}). */
    public String internalSecret() {
        return "test-secret-" + runId;
    }

    public String jdbcUrl() {
        return jdbcBase + database;
    }

    public String database() {
        return database;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    private void createDatabase() {
        try (Connection admin = DriverManager.getConnection(jdbcBase + "postgres", user, password);
             Statement statement = admin.createStatement()) {
            dropStale(admin);
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database at " + jdbcBase
                    + " — is PostgreSQL running? (" + e.getMessage() + ")", e);
        }
    }

    /** Databases left by killed runs (no shutdown hook) older than a few hours. */
    private static void dropStale(Connection admin) throws SQLException {
        List<String> stale = new ArrayList<>();
        long now = Instant.now().getEpochSecond();
        try (Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT datname FROM pg_database WHERE datname LIKE '" + DB_PREFIX + "%'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                String[] parts = name.substring(DB_PREFIX.length()).split("_");
                try {
                    if (now - Long.parseLong(parts[0]) > STALE_AFTER_SECONDS) {
                        stale.add(name);
                    }
                } catch (NumberFormatException ignored) {
                    // not one of ours
                }
            }
        }
        for (String name : stale) {
            try (Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    private void dropDatabase() {
        try (Connection admin = DriverManager.getConnection(jdbcBase + "postgres", user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + database + ": " + e.getMessage());
        }
    }
}
