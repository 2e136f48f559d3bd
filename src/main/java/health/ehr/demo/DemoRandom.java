package health.ehr.demo;

import java.util.SplittableRandom;

/**
 * The generator's random sources: one per patient, seeded from the seed and the patient's number alone, so
 * that patient N is the same whatever the number of patients generated.
 */
final class DemoRandom {

	private DemoRandom() {
	}

	static SplittableRandom shared(long seed) {
		return new SplittableRandom(mix(seed));
	}

	static SplittableRandom patient(long seed, int number) {
		return new SplittableRandom(mix(mix(seed) + 0x9E3779B97F4A7C15L * number));
	}

	/** The finalizer of SplitMix64: spreads nearby seeds over the whole range. */
	static long mix(long value) {
		long z = value;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	static double between(SplittableRandom random, double low, double high) {
		return low + random.nextDouble() * (high - low);
	}

	static boolean chance(SplittableRandom random, double probability) {
		return random.nextDouble() < probability;
	}

}
