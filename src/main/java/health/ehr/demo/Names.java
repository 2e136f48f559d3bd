package health.ehr.demo;

import java.util.List;
import java.util.SplittableRandom;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.HumanName;

/**
 * The word lists the generator draws people's names and addresses from.
 */
final class Names {

	static final List<String> FEMALE = List.of("Emma", "Olivia", "Ava", "Sophia", "Isabella", "Mia", "Charlotte",
			"Amelia", "Harper", "Evelyn", "Abigail", "Emily", "Elizabeth", "Sofia", "Grace", "Chloe", "Maria",
			"Ana", "Aisha", "Mei", "Priya", "Fatima", "Hannah", "Nora", "Zoe", "Lucy", "Ruth", "Dorothy");

	static final List<String> MALE = List.of("Liam", "Noah", "Oliver", "Elijah", "James", "William", "Benjamin",
			"Lucas", "Henry", "Alexander", "Mason", "Michael", "Ethan", "Daniel", "Jacob", "Logan", "Jose", "Luis",
			"Omar", "Wei", "Arjun", "Samuel", "David", "Joseph", "Carlos", "Thomas", "George", "Frank");

	static final List<String> FAMILY = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia",
			"Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
			"Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris",
			"Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
			"Scott", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell",
			"Patel", "Kim", "Chen", "Okafor");

	static final List<String> STREETS = List.of("Oak Street", "Maple Avenue", "Cedar Lane", "Pine Road",
			"Elm Street", "Washington Avenue", "Lake Drive", "Hillside Road", "River Road", "Park Place",
			"Sunset Boulevard", "Church Street", "Mill Road", "Meadow Lane", "Forest Avenue");

	/** City, state, postal code prefix. */
	static final List<String[]> CITIES = List.of(new String[] { "Springfield", "MA", "011" },
			new String[] { "Worcester", "MA", "016" }, new String[] { "Boston", "MA", "021" },
			new String[] { "Cambridge", "MA", "021" }, new String[] { "Lowell", "MA", "018" },
			new String[] { "Providence", "RI", "029" }, new String[] { "Hartford", "CT", "061" },
			new String[] { "New Haven", "CT", "065" }, new String[] { "Portland", "ME", "041" },
			new String[] { "Manchester", "NH", "031" });

	private Names() {
	}

	static <T> T pick(SplittableRandom random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	static HumanName name(SplittableRandom random, boolean female) {
		HumanName name = new HumanName().setUse(HumanName.NameUse.OFFICIAL)
			.setFamily(pick(random, FAMILY))
			.addGiven(pick(random, female ? FEMALE : MALE));
		if (random.nextInt(3) == 0) {
			name.addGiven(pick(random, female ? FEMALE : MALE));
		}
		return name;
	}

	static Address address(SplittableRandom random) {
		String[] city = pick(random, CITIES);
		return new Address().setUse(Address.AddressUse.HOME)
			.setType(Address.AddressType.BOTH)
			.addLine((1 + random.nextInt(9899)) + " " + pick(random, STREETS))
			.setCity(city[0])
			.setState(city[1])
			.setPostalCode(city[2] + String.format("%02d", random.nextInt(100)))
			.setCountry("US");
	}

	static String phone(SplittableRandom random) {
		return String.format("555-%03d-%04d", 200 + random.nextInt(800), random.nextInt(10000));
	}

	static String display(HumanName name) {
		return name.getGivenAsSingleString() + " " + name.getFamily();
	}

}
