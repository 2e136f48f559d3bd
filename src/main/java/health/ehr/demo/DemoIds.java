package health.ehr.demo;

/**
 * The ids of generated resources: a short tag derived from the seed (so that data sets of different seeds
 * never overwrite each other), then the patient's number and the resource's kind and number, e.g.
 * {@code k3x9a-12} for patient 12 and {@code k3x9a-12-o45} for its 45th observation.
 */
final class DemoIds {

	private final String tag;

	DemoIds(long seed) {
		this.tag = Long.toString(Math.floorMod(DemoRandom.mix(seed), 36L * 36 * 36 * 36 * 36), 36);
	}

	String shared(String name) {
		return this.tag + "-" + name;
	}

	String patient(int number) {
		return this.tag + "-" + number;
	}

	String patientResource(int number, String kind, int index) {
		return this.tag + "-" + number + "-" + kind + index;
	}

}
