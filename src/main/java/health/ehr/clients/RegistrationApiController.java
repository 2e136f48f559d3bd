package health.ehr.clients;

import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registration API for automation: JSON create, read, update, delete, disable and enable of Login
 * Trusts, secret rotation and initial access tokens, for administrators (HTTP Basic). Refusals answer 400
 * with RFC 7591's error codes and a message per field.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2">RFC 7591, section 3.2.2</a>
 */
@RestController
@RequestMapping(RegistrationApiController.PATH)
class RegistrationApiController {

	static final String PATH = "/api/registrations";

	private final AppRegistrations registrations;

	private final InitialAccessTokens initialAccessTokens;

	RegistrationApiController(AppRegistrations registrations, InitialAccessTokens initialAccessTokens) {
		this.registrations = registrations;
		this.initialAccessTokens = initialAccessTokens;
	}

	/** @param status {@code enabled}, {@code disabled} or absent for all; anything else is a 400 */
	@GetMapping
	ResponseEntity<?> search(@RequestParam(name = "q", required = false) String text,
			@RequestParam(required = false) String status) {
		Boolean enabled = LoginTrustsController.enabledFilter(status);
		if (enabled == null && status != null && !status.isBlank()) {
			return ResponseEntity.badRequest()
				.body(Map.of("error", "invalid_request", "error_description",
						"status must be enabled or disabled (or left out for every app), not '" + status + "'"));
		}
		return ResponseEntity.ok(this.registrations.search(text, enabled));
	}

	@PostMapping
	ResponseEntity<CreatedRegistration> create(@RequestBody RegistrationRequest request, Principal principal) {
		CreatedRegistration created = this.registrations.create(request, principal.getName());
		return ResponseEntity.created(URI.create(PATH + "/" + created.registration().clientId())).body(created);
	}

	@GetMapping("/{clientId}")
	AppRegistration read(@PathVariable String clientId) {
		return this.registrations.find(clientId).orElseThrow(() -> new RegistrationNotFoundException(clientId));
	}

	@PutMapping("/{clientId}")
	AppRegistration update(@PathVariable String clientId, @RequestBody RegistrationRequest request,
			Principal principal) {
		return this.registrations.update(clientId, request, principal.getName());
	}

	@DeleteMapping("/{clientId}")
	ResponseEntity<Void> delete(@PathVariable String clientId, Principal principal) {
		this.registrations.delete(clientId, principal.getName());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{clientId}/disable")
	AppRegistration disable(@PathVariable String clientId, Principal principal) {
		this.registrations.disable(clientId, principal.getName());
		return read(clientId);
	}

	@PostMapping("/{clientId}/enable")
	AppRegistration enable(@PathVariable String clientId, Principal principal) {
		this.registrations.enable(clientId, principal.getName());
		return read(clientId);
	}

	@PostMapping("/{clientId}/secret")
	Map<String, String> rotateSecret(@PathVariable String clientId, Principal principal) {
		return Map.of("client_id", clientId, "client_secret", this.registrations.rotateSecret(clientId,
				principal.getName()));
	}

	@PostMapping("/initial-access-tokens")
	ResponseEntity<Map<String, String>> issueInitialAccessToken(Principal principal) {
		InitialAccessTokens.IssuedToken token = this.initialAccessTokens.issue(principal.getName());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(Map.of("initial_access_token", token.value(), "expires_at", token.expiresAt().toString()));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> invalid(InvalidRegistrationException ex) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", ex.errorCode());
		body.put("error_description", ex.getMessage());
		body.put("fields", ex.fieldErrors());
		return ResponseEntity.badRequest().body(body);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex) {
		return ResponseEntity.badRequest()
			.body(Map.of("error", "invalid_request", "error_description",
					"The request body must be a JSON registration (see README.md, \"Registration API\")"));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> notFound(RegistrationNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Map.of("error", "not_found", "error_description", ex.getMessage()));
	}

}
