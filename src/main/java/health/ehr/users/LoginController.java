package health.ehr.users;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page; Spring Security handles the form post, the lockout and logout.
 */
@Controller
class LoginController {

	@GetMapping(PageSecurityConfig.LOGIN_PAGE)
	String login() {
		return "users/login";
	}

}
