package health.ehr;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The EHR's SMART on FHIR platform: an OAuth 2.0 / SMART App Launch authorization server and a FHIR R4 API
 * over the EHR's own resource store.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class EhrApplication {

	public static void main(String[] args) {
		SpringApplication.run(EhrApplication.class, args);
	}

}
