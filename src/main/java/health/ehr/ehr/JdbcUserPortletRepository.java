package health.ehr.ehr;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code user_portlet} table: each clinician's Quickview portlets in their order.
 */
@Repository
class JdbcUserPortletRepository {

	private final JdbcClient jdbc;

	JdbcUserPortletRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The saved portlets in order; empty when the user never chose (unknown keys are skipped). */
	List<Portlet> find(String username) {
		return this.jdbc.sql("select portlet from user_portlet where username = ? order by position")
			.param(username)
			.query(String.class)
			.list()
			.stream()
			.map(Portlet::of)
			.flatMap(Optional::stream)
			.toList();
	}

	/** Replaces the user's portlets with these, in this order. */
	@Transactional
	void save(String username, List<Portlet> portlets) {
		this.jdbc.sql("delete from user_portlet where username = ?").param(username).update();
		for (int i = 0; i < portlets.size(); i++) {
			this.jdbc.sql("insert into user_portlet (username, portlet, position) values (?, ?, ?)")
				.params(username, portlets.get(i).key(), i)
				.update();
		}
	}

}
