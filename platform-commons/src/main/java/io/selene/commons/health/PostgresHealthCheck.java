package io.selene.commons.health;

import java.sql.Connection;

import javax.sql.DataSource;

/** Borrows a connection and asks the server whether it is valid. */
public class PostgresHealthCheck implements HealthCheck {

    private final DataSource dataSource;

    public PostgresHealthCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public void check() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                throw new IllegalStateException("connection is not valid");
            }
        }
    }
}
