package health.ehr.auth.backend;

import java.security.Key;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.util.Assert;

/**
 * Honours an assertion's {@code jku} header only when it is exactly the client's registered JWK Set URL:
 * SMART asks servers never to fetch keys from a URL the client did not register.
 */
final class JkuCheckingKeySelector implements JWSKeySelector<SecurityContext> {

	private final Optional<String> registeredJwkSetUrl;

	private final JWSKeySelector<SecurityContext> delegate;

	JkuCheckingKeySelector(Optional<String> registeredJwkSetUrl, JWSKeySelector<SecurityContext> delegate) {
		Assert.notNull(registeredJwkSetUrl, "registeredJwkSetUrl cannot be null");
		Assert.notNull(delegate, "delegate cannot be null");
		this.registeredJwkSetUrl = registeredJwkSetUrl;
		this.delegate = delegate;
	}

	@Override
	public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
		if (header.getJWKURL() != null
				&& !this.registeredJwkSetUrl.map(header.getJWKURL().toString()::equals).orElse(false)) {
			throw new KeySourceException("The client assertion's jku header is not the registered JWK Set URL");
		}
		return this.delegate.selectJWSKeys(header, context);
	}

}
