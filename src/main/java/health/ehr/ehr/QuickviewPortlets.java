package health.ehr.ehr;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Select Portlets choices of each clinician: which Quickview portlets, in which order. A clinician who
 * never chose sees {@link Portlet#DEFAULTS}; the last portlet cannot be removed, so an empty Quickview never
 * happens.
 */
@Service
class QuickviewPortlets {

	private final JdbcUserPortletRepository repository;

	QuickviewPortlets(JdbcUserPortletRepository repository) {
		this.repository = repository;
	}

	List<Portlet> chosen(String username) {
		List<Portlet> saved = this.repository.find(username);
		return saved.isEmpty() ? Portlet.DEFAULTS : saved;
	}

	List<Portlet> available(String username) {
		List<Portlet> chosen = chosen(username);
		return java.util.Arrays.stream(Portlet.values()).filter((portlet) -> !chosen.contains(portlet)).toList();
	}

	@Transactional
	void add(String username, Portlet portlet) {
		List<Portlet> portlets = new ArrayList<>(chosen(username));
		if (!portlets.contains(portlet)) {
			portlets.add(portlet);
			this.repository.save(username, portlets);
		}
	}

	/** Removes a portlet; false (nothing changed) when it is the last one. */
	@Transactional
	boolean remove(String username, Portlet portlet) {
		List<Portlet> portlets = new ArrayList<>(chosen(username));
		if (portlets.size() <= 1 || !portlets.remove(portlet)) {
			return false;
		}
		this.repository.save(username, portlets);
		return true;
	}

	/** Moves a portlet one place up (towards the top, negative offset) or down. */
	@Transactional
	void move(String username, Portlet portlet, int offset) {
		List<Portlet> portlets = new ArrayList<>(chosen(username));
		int from = portlets.indexOf(portlet);
		int to = from + Integer.signum(offset);
		if (from < 0 || to < 0 || to >= portlets.size()) {
			return;
		}
		portlets.set(from, portlets.get(to));
		portlets.set(to, portlet);
		this.repository.save(username, portlets);
	}

}
