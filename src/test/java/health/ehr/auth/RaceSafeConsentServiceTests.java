package health.ehr.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent service when one user approves one app in several requests at the same moment (an app that opens
 * two authorization requests, a double submit): every save succeeds and one consent remains.
 */
@EhrServerTest
class RaceSafeConsentServiceTests {

	private static final int REQUESTS = 8;

	@Autowired
	OAuth2AuthorizationConsentService consents;

	@Autowired
	RegisteredClientRepository clients;

	@Test
	void saveWhenSameUserAndAppApproveAtOnceThenEverySaveSucceeds() throws Exception {
		RegisteredClient app = TestApps.confidentialApp().build();
		this.clients.save(app);
		ExecutorService threads = Executors.newFixedThreadPool(REQUESTS);
		try {
			for (int round = 0; round < 10; round++) {
				String user = "user-" + UUID.randomUUID();
				CyclicBarrier start = new CyclicBarrier(REQUESTS);
				List<Future<?>> saves = new ArrayList<>();
				for (int i = 0; i < REQUESTS; i++) {
					String scope = "patient/Observation.rs patient/Patient.rs scope-" + i;
					saves.add(threads.submit(() -> {
						start.await();
						this.consents.save(OAuth2AuthorizationConsent.withId(app.getId(), user)
							.authority(() -> "SCOPE_" + scope)
							.build());
						return null;
					}));
				}
				for (Future<?> save : saves) {
					save.get();
				}
				assertThat(this.consents.findById(app.getId(), user)).isNotNull();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

}
