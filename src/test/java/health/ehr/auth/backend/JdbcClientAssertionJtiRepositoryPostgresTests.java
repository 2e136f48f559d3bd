package health.ehr.auth.backend;

import health.ehr.test.PostgresTest;

/**
 * {@link JdbcClientAssertionJtiRepositoryTests} on PostgreSQL.
 */
@PostgresTest
class JdbcClientAssertionJtiRepositoryPostgresTests extends JdbcClientAssertionJtiRepositoryTests {

}
