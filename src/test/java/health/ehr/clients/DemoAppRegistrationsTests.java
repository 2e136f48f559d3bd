package health.ehr.clients;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.demo.DemoDataLoadedEvent;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

@EhrServerTest
class DemoAppRegistrationsTests {

	@Autowired
	DemoAppRegistrations demoApps;

	@Autowired
	AppRegistrations registrations;

	@Autowired
	RegisteredClientRepository registeredClients;

	@Autowired
	ClientSecrets secrets;

	@Test
	void registerWhenDemoDataLoadedThenThreeDemoAppsRegisteredOnce() {
		this.demoApps.register(new DemoDataLoadedEvent(List.of("p1"), List.of("pr1")));
		this.demoApps.register(new DemoDataLoadedEvent(List.of("p1"), List.of("pr1")));
		assertThat(this.registrations.find("demo-patient-app")).hasValueSatisfying((app) -> {
			assertThat(app.kind()).isEqualTo(ClientKind.PUBLIC);
			assertThat(app.redirectUris()).containsExactly("http://localhost:9090/callback");
			assertThat(app.standaloneLaunch()).isTrue();
		});
		assertThat(this.registrations.find("demo-clinician-app")).hasValueSatisfying((app) -> {
			assertThat(app.launchUrl()).isEqualTo("http://localhost:9090/launch");
			assertThat(app.ehrLaunch()).isTrue();
		});
		assertThat(this.registrations.find("demo-bulk-client")).hasValueSatisfying((app) -> {
			assertThat(app.kind()).isEqualTo(ClientKind.BACKEND);
			assertThat(app.grantTypes()).containsExactly("client_credentials");
			assertThat(app.jwks()).contains("demo-bulk-client-1");
		});
	}

	@Test
	void registerWhenDemoDataLoadedThenClinicianSecretIsTheDocumentedOne() {
		this.demoApps.register(new DemoDataLoadedEvent(List.of("p1"), List.of("pr1")));
		String stored = this.registeredClients.findByClientId("demo-clinician-app").getClientSecret();
		assertThat(this.secrets.matches("demo-clinician-secret-for-local-testing-only", stored)).isTrue();
	}

}
