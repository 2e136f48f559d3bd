package health.ehr.clients;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The RFC 7591 client registration endpoint (discovery's {@code registration_endpoint}): an app posts its
 * metadata with an initial access token an administrator issued, and is registered at once.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3">RFC 7591, section 3: client registration
 * endpoint</a>
 */
@RestController
class DynamicRegistrationController {

	static final String PATH = "/register";

	private final AppRegistrations registrations;

	private final InitialAccessTokens initialAccessTokens;

	private final TransactionTemplate transaction;

	DynamicRegistrationController(AppRegistrations registrations, InitialAccessTokens initialAccessTokens,
			PlatformTransactionManager transactionManager) {
		this.registrations = registrations;
		this.initialAccessTokens = initialAccessTokens;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> register(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody Map<String, Object> metadata) {
		String token = bearerToken(authorization);
		RegistrationRequest request = ClientMetadata.read(metadata);
		// One transaction: a refused registration leaves the token unused, so the app may correct and retry.
		CreatedRegistration created = this.transaction.execute((status) -> {
			if (token == null || !this.initialAccessTokens.consume(token)) {
				return null;
			}
			return this.registrations.create(request, "registration-token:" + InitialAccessTokens.auditId(token));
		});
		if (created == null) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
				.body(Map.of("error", "invalid_token", "error_description",
						"An unused, unexpired initial access token issued by an administrator is required"));
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(ClientMetadata.write(created));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> invalid(InvalidRegistrationException ex) {
		return ResponseEntity.badRequest()
			.body(Map.of("error", ex.errorCode(), "error_description", ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex) {
		return ResponseEntity.badRequest()
			.body(Map.of("error", InvalidRegistrationException.INVALID_CLIENT_METADATA, "error_description",
					"The request body must be a JSON object of client metadata"));
	}

	private static String bearerToken(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		return authorization.substring(7).strip();
	}

}
