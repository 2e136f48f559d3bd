package health.ehr.demo;

/**
 * National Provider Identifiers: nine digits and a Luhn check digit computed over the prefix 80840.
 *
 * @see <a href="https://www.cms.gov/Regulations-and-Guidance/Administrative-Simplification/NationalProvIdentStand">NPI standard</a>
 */
final class Npi {

	private Npi() {
	}

	static String withCheckDigit(int nineDigits) {
		String base = String.format("%09d", nineDigits % 1_000_000_000);
		String digits = "80840" + base;
		int sum = 0;
		for (int i = 0; i < digits.length(); i++) {
			int digit = digits.charAt(digits.length() - 1 - i) - '0';
			if (i % 2 == 0) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
		}
		return base + ((10 - sum % 10) % 10);
	}

}
