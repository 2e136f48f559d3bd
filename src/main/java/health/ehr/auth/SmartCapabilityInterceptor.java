package health.ehr.auth;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * Adds SMART's security section to the CapabilityStatement: the {@code SMART-on-FHIR} service and the
 * {@code oauth-uris} extension, with the same URLs as {@code .well-known/smart-configuration}.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/conformance.html">SMART conformance</a>
 */
@Interceptor
final class SmartCapabilityInterceptor {

	static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

	static final String SECURITY_SERVICE = "http://terminology.hl7.org/CodeSystem/restful-security-service";

	private final SmartEndpoints endpoints;

	SmartCapabilityInterceptor(SmartEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	void addSmartSecurity(IBaseConformance capabilityStatement) {
		if (!(capabilityStatement instanceof CapabilityStatement statement) || statement.getRest().isEmpty()) {
			return;
		}
		CapabilityStatementRestSecurityComponent security = statement.getRestFirstRep().getSecurity();
		security.setCors(true);
		security.getService().clear();
		security.addService(new CodeableConcept().setText("OAuth2 using SMART-on-FHIR profile")
			.addCoding(new org.hl7.fhir.r4.model.Coding(SECURITY_SERVICE, "SMART-on-FHIR", "SMART-on-FHIR")));
		security.getExtension().removeIf((extension) -> OAUTH_URIS.equals(extension.getUrl()));
		Extension uris = security.addExtension().setUrl(OAUTH_URIS);
		uris.addExtension("authorize", new UriType(this.endpoints.authorize()));
		uris.addExtension("token", new UriType(this.endpoints.token()));
		uris.addExtension("revoke", new UriType(this.endpoints.revoke()));
		uris.addExtension("introspect", new UriType(this.endpoints.introspect()));
		uris.addExtension("manage", new UriType(this.endpoints.manage()));
		uris.addExtension("register", new UriType(this.endpoints.register()));
	}

}
