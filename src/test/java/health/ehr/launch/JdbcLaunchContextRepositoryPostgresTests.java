package health.ehr.launch;

import health.ehr.test.PostgresTest;

/**
 * {@link JdbcLaunchContextRepositoryTests} on PostgreSQL.
 */
@PostgresTest
class JdbcLaunchContextRepositoryPostgresTests extends JdbcLaunchContextRepositoryTests {

}
