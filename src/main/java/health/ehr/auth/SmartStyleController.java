package health.ehr.auth;

import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The style document behind the token response's {@code smart_style_url}: the EHR's colours and fonts, so
 * that embedded apps can match them.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#styling">SMART styling</a>
 */
@RestController
@CrossOrigin(origins = "*")
class SmartStyleController {

	static final String PATH = "/smart-style.json";

	private static final Map<String, Object> STYLE = Map.of(
			"color_background", "#f5f7fa",
			"color_error", "#a10e0e",
			"color_highlight", "#2b6cb0",
			"color_modal_backdrop", "",
			"color_success", "#135c13",
			"color_text", "#1d2733",
			"dim_border_radius", "6px",
			"dim_font_size", "16px",
			"dim_spacing_size", "16px",
			"font_family_body", "system-ui, sans-serif");

	@GetMapping(PATH)
	ResponseEntity<Map<String, Object>> style() {
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(STYLE);
	}

}
