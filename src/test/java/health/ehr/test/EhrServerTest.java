package health.ehr.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test against the whole server, running on a random port over real HTTP, on a database of its own:
 * an in-memory H2 database by default, a fresh PostgreSQL database when the class also carries
 * {@link PostgresTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ehr.demo.patients=5", "logging.level.root=WARN",
				// Contexts stay cached across test classes: each holds only the connections it uses.
				"spring.datasource.hikari.minimum-idle=2", "spring.datasource.hikari.idle-timeout=10000" })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
public @interface EhrServerTest {

}
