package health.ehr.clients;

import java.util.Arrays;
import java.util.List;

import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * The editor's form of one Login Trust: the fields of a {@link RegistrationRequest} as the page edits them
 * (redirect URIs one per line, scopes separated by spaces or lines, refresh tokens as a checkbox).
 */
class LoginTrustForm {

	private String clientId;

	private String clientName;

	private String description;

	private String publisher;

	private String logoUrl;

	private String launchUrl;

	private ClientKind kind = ClientKind.PUBLIC;

	private String redirectUris = "";

	private String scopes = "";

	private boolean refreshTokens = true;

	private String jwksUrl;

	private String jwks;

	private String tokenEndpointAuthSigningAlg;

	private boolean ehrLaunch;

	private boolean standaloneLaunch = true;

	private String accessTokenTtlSeconds;

	private String refreshTokenTtlSeconds;

	static LoginTrustForm of(AppRegistration app) {
		LoginTrustForm form = new LoginTrustForm();
		form.clientId = app.clientId();
		form.clientName = app.clientName();
		form.description = app.description();
		form.publisher = app.publisher();
		form.logoUrl = app.logoUrl();
		form.launchUrl = app.launchUrl();
		form.kind = app.kind();
		form.redirectUris = String.join("\n", app.redirectUris());
		form.scopes = String.join(" ", app.scopes());
		form.refreshTokens = app.grantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN.getValue());
		form.jwksUrl = app.jwksUrl();
		form.jwks = app.jwks();
		form.tokenEndpointAuthSigningAlg = app.tokenEndpointAuthSigningAlg();
		form.ehrLaunch = app.ehrLaunch();
		form.standaloneLaunch = app.standaloneLaunch();
		form.accessTokenTtlSeconds = String.valueOf(app.accessTokenTtlSeconds());
		form.refreshTokenTtlSeconds = String.valueOf(app.refreshTokenTtlSeconds());
		return form;
	}

	RegistrationRequest toRequest() {
		List<String> grantTypes = (this.kind == null || !this.kind.userFacing()) ? List.of()
				: this.refreshTokens
						? List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
								AuthorizationGrantType.REFRESH_TOKEN.getValue())
						: List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue());
		return new RegistrationRequest(this.clientId, this.clientName, this.description, this.publisher, this.logoUrl,
				this.launchUrl, this.kind, split(this.redirectUris, "\\R"), split(this.scopes, "\\s+"), grantTypes,
				this.jwksUrl, this.jwks, this.tokenEndpointAuthSigningAlg, this.ehrLaunch, this.standaloneLaunch,
				seconds(this.accessTokenTtlSeconds), seconds(this.refreshTokenTtlSeconds));
	}

	// Not a whole number: -1, which the validator refuses with the field's range.
	private static Integer seconds(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(text.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static List<String> split(String text, String separator) {
		return (text == null) ? List.of() : Arrays.stream(text.split(separator)).map(String::strip).toList();
	}

	public String getClientId() {
		return this.clientId;
	}

	public void setClientId(String clientId) {
		this.clientId = clientId;
	}

	public String getClientName() {
		return this.clientName;
	}

	public void setClientName(String clientName) {
		this.clientName = clientName;
	}

	public String getDescription() {
		return this.description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

	public String getPublisher() {
		return this.publisher;
	}

	public void setPublisher(String publisher) {
		this.publisher = publisher;
	}

	public String getLogoUrl() {
		return this.logoUrl;
	}

	public void setLogoUrl(String logoUrl) {
		this.logoUrl = logoUrl;
	}

	public String getLaunchUrl() {
		return this.launchUrl;
	}

	public void setLaunchUrl(String launchUrl) {
		this.launchUrl = launchUrl;
	}

	public ClientKind getKind() {
		return this.kind;
	}

	public void setKind(ClientKind kind) {
		this.kind = kind;
	}

	public String getRedirectUris() {
		return this.redirectUris;
	}

	public void setRedirectUris(String redirectUris) {
		this.redirectUris = redirectUris;
	}

	public String getScopes() {
		return this.scopes;
	}

	public void setScopes(String scopes) {
		this.scopes = scopes;
	}

	public boolean isRefreshTokens() {
		return this.refreshTokens;
	}

	public void setRefreshTokens(boolean refreshTokens) {
		this.refreshTokens = refreshTokens;
	}

	public String getJwksUrl() {
		return this.jwksUrl;
	}

	public void setJwksUrl(String jwksUrl) {
		this.jwksUrl = jwksUrl;
	}

	public String getJwks() {
		return this.jwks;
	}

	public void setJwks(String jwks) {
		this.jwks = jwks;
	}

	public String getTokenEndpointAuthSigningAlg() {
		return this.tokenEndpointAuthSigningAlg;
	}

	public void setTokenEndpointAuthSigningAlg(String tokenEndpointAuthSigningAlg) {
		this.tokenEndpointAuthSigningAlg = tokenEndpointAuthSigningAlg;
	}

	public boolean isEhrLaunch() {
		return this.ehrLaunch;
	}

	public void setEhrLaunch(boolean ehrLaunch) {
		this.ehrLaunch = ehrLaunch;
	}

	public boolean isStandaloneLaunch() {
		return this.standaloneLaunch;
	}

	public void setStandaloneLaunch(boolean standaloneLaunch) {
		this.standaloneLaunch = standaloneLaunch;
	}

	public String getAccessTokenTtlSeconds() {
		return this.accessTokenTtlSeconds;
	}

	public void setAccessTokenTtlSeconds(String accessTokenTtlSeconds) {
		this.accessTokenTtlSeconds = accessTokenTtlSeconds;
	}

	public String getRefreshTokenTtlSeconds() {
		return this.refreshTokenTtlSeconds;
	}

	public void setRefreshTokenTtlSeconds(String refreshTokenTtlSeconds) {
		this.refreshTokenTtlSeconds = refreshTokenTtlSeconds;
	}

}
