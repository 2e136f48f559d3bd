package health.ehr.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.ResponseDetails;

import org.hl7.fhir.r4.model.Bundle;

/**
 * Keeps {@code Bundle.total} of the searchset and history Bundles the providers return as the store gave it: the
 * number of matches across all pages when they were counted ({@code _summary=count}, {@code _total=accurate}),
 * absent otherwise. HAPI fills an absent total of a returned Bundle with the request's {@code _count}, which would
 * tell a client the page size as the number of matches.
 *
 * @see <a href="https://hl7.org/fhir/R4/bundle-definitions.html#Bundle.total">FHIR R4 Bundle.total</a>
 */
@Interceptor
final class BundleTotals {

	private static final String KEY = BundleTotals.class.getName();

	private static final Object NONE = new Object();

	/** Remembers the Bundle's total as built (or that it has none), for {@link #restore}. */
	static void remember(Bundle bundle) {
		bundle.setUserData(KEY, bundle.hasTotal() ? Integer.valueOf(bundle.getTotal()) : NONE);
	}

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	void restore(ResponseDetails response) {
		if (response.getResponseResource() instanceof Bundle bundle) {
			Object total = bundle.getUserData(KEY);
			if (total == NONE) {
				bundle.setTotalElement(null);
			}
			else if (total instanceof Integer counted) {
				bundle.setTotal(counted);
			}
		}
	}

}
