package health.ehr.launch;

import java.util.Optional;

import org.springframework.context.annotation.Fallback;
import org.springframework.stereotype.Component;

/**
 * The launch resolver used until the EHR launch feature provides one: it knows no launch ids.
 */
@Component
@Fallback
class UnknownLaunchResolver implements LaunchContextResolver {

	@Override
	public boolean isKnown(String launch, String clientId) {
		return false;
	}

	@Override
	public Optional<LaunchContext> resolve(String launch, String clientId, String username) {
		return Optional.empty();
	}

}
