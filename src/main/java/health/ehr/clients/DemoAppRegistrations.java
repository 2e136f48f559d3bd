package health.ehr.clients;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import health.ehr.demo.DemoDataLoadedEvent;

/**
 * Registers the demo apps with the demo data, so that every flow can be tried right after the first start:
 * a public patient app (standalone launch), a confidential clinician app (EHR launch) and a backend bulk-data
 * client (keys in {@code docs/demo/}). Documented in README.md, "Demo apps".
 */
@Component
class DemoAppRegistrations {

	static final String ACTOR = "demo";

	static final String PATIENT_APP = "demo-patient-app";

	static final String CLINICIAN_APP = "demo-clinician-app";

	static final String BULK_CLIENT = "demo-bulk-client";

	/** Documented in README.md; a demo secret only, as the demo data are. */
	static final String CLINICIAN_SECRET = "demo-clinician-secret-for-local-testing-only";

	static final String CALLBACK = "http://localhost:9090/callback";

	private final AppRegistrations registrations;

	DemoAppRegistrations(AppRegistrations registrations) {
		this.registrations = registrations;
	}

	@EventListener
	void register(DemoDataLoadedEvent event) {
		registerOnce(patientApp(), null);
		registerOnce(clinicianApp(), CLINICIAN_SECRET);
		registerOnce(bulkClient(), null);
	}

	private void registerOnce(RegistrationRequest request, String secret) {
		if (this.registrations.find(request.clientId()).isEmpty()) {
			this.registrations.create(request, ACTOR, secret);
		}
	}

	static RegistrationRequest patientApp() {
		return new RegistrationRequest(PATIENT_APP, "Demo Patient App", "Lets patients read their own record.",
				"EHR demo", null, null, ClientKind.PUBLIC, List.of(CALLBACK),
				List.of("openid", "fhirUser", "launch/patient", "offline_access", "patient/*.rs", "patient/*.read"),
				List.of(), null, null, null, false, true, null, null);
	}

	static RegistrationRequest clinicianApp() {
		return new RegistrationRequest(CLINICIAN_APP, "Demo Clinician App",
				"Opens from the patient chart (EHR launch) for clinicians.", "EHR demo", null,
				"http://localhost:9090/launch", ClientKind.CONFIDENTIAL_SECRET, List.of(CALLBACK),
				List.of("openid", "fhirUser", "launch", "launch/patient", "launch/encounter", "offline_access",
						"user/*.rs", "patient/*.rs", "user/*.read", "patient/*.read"),
				List.of(), null, null, null, true, true, null, null);
	}

	static RegistrationRequest bulkClient() {
		return new RegistrationRequest(BULK_CLIENT, "Demo Bulk Data Client", "Exports data with SMART Backend Services.",
				"EHR demo", null, null, ClientKind.BACKEND, List.of(), List.of("system/*.rs", "system/*.read"),
				List.of(), null, bulkClientJwks(), "RS384", false, false, null, null);
	}

	private static String bulkClientJwks() {
		try (InputStream in = new ClassPathResource("clients/demo-bulk-client.jwks.json").getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The demo bulk client's public keys are part of the build", ex);
		}
	}

}
