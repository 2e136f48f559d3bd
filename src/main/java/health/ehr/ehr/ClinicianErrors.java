package health.ehr.ehr;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The clinician UI's error pages: 403 for users who are not practitioners, 404 for a chart that does not
 * exist.
 */
@ControllerAdvice(basePackageClasses = ClinicianErrors.class)
class ClinicianErrors {

	@ExceptionHandler(Clinicians.NotPractitionerException.class)
	@ResponseStatus(HttpStatus.FORBIDDEN)
	String forbidden() {
		return "ehr/forbidden";
	}

	@ExceptionHandler(ChartNotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound() {
		return "ehr/not-found";
	}

	/** A chart or launch for a patient the store does not have. */
	static final class ChartNotFoundException extends RuntimeException {

		ChartNotFoundException() {
			super("No such patient");
		}

	}

}
