package health.ehr.clients;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the public JWK Set an app registered inline, so that the authorization server verifies its client
 * assertions the same way as for an app that publishes a JWKS URL.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517, section 5: JWK Set</a>
 */
@RestController
class InlineJwksController {

	static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

	private final AppRegistrations registrations;

	InlineJwksController(AppRegistrations registrations) {
		this.registrations = registrations;
	}

	@GetMapping(RegisteredClients.INLINE_JWKS_PATH)
	ResponseEntity<String> jwks(@PathVariable String clientId) {
		return this.registrations.find(clientId)
			.filter(AppRegistration::enabled)
			.filter((app) -> app.jwks() != null)
			.map((app) -> ResponseEntity.ok().contentType(JWK_SET).body(app.jwks()))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

}
