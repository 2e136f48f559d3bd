package health.ehr.auth;

import java.net.http.HttpResponse;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.test.EhrServerTest;
import health.ehr.users.TestUsers;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;
import tools.jackson.databind.JsonNode;

import static health.ehr.auth.SmartFlowClient.form;
import static health.ehr.auth.SmartFlowClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * This server does not bind tokens to a DPoP key (RFC 9449) and says so by not announcing DPoP: a {@code DPoP} proof
 * sent with a token request is ignored, and the app gets a bearer token ({@code token_type} {@code Bearer}, no
 * {@code cnf}), which is what RFC 9449 tells a client to expect of a server without DPoP.
 */
@EhrServerTest
class DpopProofIgnoredTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	UserAccounts users;

	@Autowired
	JwtDecoder jwtDecoder;

	@Test
	void tokenWhenRequestCarriesDpopProofThenBearerTokenThatWorksAsOne() throws Exception {
		SmartFlowClient browser = new SmartFlowClient(this.port);
		RegisteredClient app = TestApps.confidentialApp().build();
		this.clients.save(app);
		UserAccount practitioner = TestUsers.practitioner(this.users, "prac-dpop");
		String code = browser.code(practitioner.username(), TestUsers.PASSWORD, app.getClientId(),
				"fhirUser offline_access user/*.rs", null);
		ECKey key = new ECKeyGenerator(Curve.P_256).generate();
		String tokenUrl = browser.baseUrl() + "/oauth2/token";
		String basic = SmartFlowClient.basic(app.getClientId(), TestApps.secret(app.getClientId()));

		HttpResponse<String> response = browser.post("/oauth2/token",
				form("grant_type", "authorization_code", "code", code, "redirect_uri",
						TestApps.REDIRECT_URI),
				"Authorization", basic, "DPoP", proof(key, "POST", tokenUrl));
		assertBearer(response);

		String accessToken = json(response).get("access_token").asString();
		assertThat(browser.get(browser.fhirBaseUrl() + "/Patient", "Authorization", "Bearer " + accessToken)
			.statusCode()).isEqualTo(200);

		// Not even checked: a proof that is no JWT at all changes nothing either.
		HttpResponse<String> refreshed = browser.post("/oauth2/token",
				form("grant_type", "refresh_token", "refresh_token", json(response).get("refresh_token").asString()),
				"Authorization", basic, "DPoP", "not-a-proof");
		assertBearer(refreshed);
	}

	@Test
	void refreshWhenPublicAppSendsDpopProofThenBearerToken() throws Exception {
		SmartFlowClient browser = new SmartFlowClient(this.port);
		RegisteredClient app = TestApps.publicApp().build();
		this.clients.save(app);
		UserAccount patient = TestUsers.patient(this.users, "pat-dpop");
		String verifier = "v-" + UUID.randomUUID() + UUID.randomUUID();
		String code = browser.code(patient.username(), TestUsers.PASSWORD, app.getClientId(),
				"patient/Observation.rs offline_access", SmartFlowClient.s256(verifier));
		ECKey key = new ECKeyGenerator(Curve.P_256).generate();
		String tokenUrl = browser.baseUrl() + "/oauth2/token";

		HttpResponse<String> response = browser.post("/oauth2/token",
				form("grant_type", "authorization_code", "code", code, "redirect_uri",
						TestApps.REDIRECT_URI, "client_id", app.getClientId(), "code_verifier", verifier),
				"DPoP", proof(key, "POST", tokenUrl));
		assertBearer(response);

		// The framework would hold this proof against the cnf the access token does not carry (invalid_dpop_proof).
		HttpResponse<String> refreshed = browser.post("/oauth2/token",
				form("grant_type", "refresh_token", "refresh_token", json(response).get("refresh_token").asString(),
						"client_id", app.getClientId()),
				"DPoP", proof(key, "POST", tokenUrl));
		assertBearer(refreshed);
	}

	void assertBearer(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		Jwt token = this.jwtDecoder.decode(body.get("access_token").asString());
		assertThat(token.hasClaim("cnf")).isFalse();
	}

	static String proof(ECKey key, String method, String url) throws JOSEException {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
					.jwk(key.toPublicJWK())
					.build(),
				new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
					.claim("htm", method)
					.claim("htu", url)
					.issueTime(new Date())
					.build());
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

}
