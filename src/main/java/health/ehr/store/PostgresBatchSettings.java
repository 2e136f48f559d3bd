package health.ehr.store;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Lets the PostgreSQL driver rewrite JDBC batches of inserts into multi-row inserts
 * ({@code reWriteBatchedInserts}), which multiplies the store's bulk-load rate; other databases are left
 * as they are.
 */
@Component
class PostgresBatchSettings implements BeanPostProcessor {

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource dataSource && dataSource.getJdbcUrl() != null
				&& dataSource.getJdbcUrl().startsWith("jdbc:postgresql:")) {
			dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
		}
		return bean;
	}

}
