package health.ehr.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs an {@link EhrServerTest} on a fresh PostgreSQL database (created on the server at
 * {@code ehr.test.postgres.url}, by default 127.0.0.1:5432/test, and dropped afterwards). Enabled by
 * {@code -Dehr.test.postgres=true}; otherwise the tests are reported as skipped.
 * Typical use: {@code @PostgresTest class FhirCrudPostgresTests extends FhirCrudTests {}}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@EnabledIfSystemProperty(named = "ehr.test.postgres", matches = "true",
		disabledReason = "PostgreSQL tests run with -Dehr.test.postgres=true")
@TestPropertySource(properties = "ehr.test.database=postgres")
public @interface PostgresTest {

}
