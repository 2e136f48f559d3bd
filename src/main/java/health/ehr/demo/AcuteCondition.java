package health.ehr.demo;

/**
 * The short illnesses and injuries that bring patients to a visit (SNOMED CT), recorded as encounter
 * diagnoses, with the medication (RxNorm) or procedure (SNOMED CT) they are treated with.
 */
enum AcuteCondition {

	ACUTE_BRONCHITIS("10509002", "Acute bronchitis", "313782", "acetaminophen 325 MG Oral Tablet", null, null),
	VIRAL_SINUSITIS("444814009", "Viral sinusitis", null, null, null, null),
	VIRAL_PHARYNGITIS("195662009", "Acute viral pharyngitis", "313782", "acetaminophen 325 MG Oral Tablet", null,
			null),
	STREP_THROAT("43878008", "Streptococcal sore throat", "308192", "amoxicillin 500 MG Oral Tablet", null, null),
	OTITIS_MEDIA("65363002", "Otitis media", "308192", "amoxicillin 500 MG Oral Tablet", null, null),
	URINARY_TRACT_INFECTION("68566005", "Urinary tract infection", null, null, null, null),
	ANKLE_SPRAIN("44465007", "Sprain of ankle", "310965", "ibuprofen 200 MG Oral Tablet", null, null),
	LACERATION("284551006", "Laceration of foot", null, null, "288086009", "Suture open wound");

	final String code;

	final String display;

	final String rxnorm;

	final String medication;

	final String procedureCode;

	final String procedure;

	AcuteCondition(String code, String display, String rxnorm, String medication, String procedureCode,
			String procedure) {
		this.code = code;
		this.display = display;
		this.rxnorm = rxnorm;
		this.medication = medication;
		this.procedureCode = procedureCode;
		this.procedure = procedure;
	}

}
