package health.ehr.demo;

/**
 * The long-term problems the generator gives patients (SNOMED CT), with the age they start at, how common
 * they are, and the medication (RxNorm) and laboratory follow-up they bring.
 */
enum ChronicCondition {

	HYPERTENSION("59621000", "Essential hypertension", 30, 0.30, "314076", "lisinopril 10 MG Oral Tablet", null),
	DIABETES("44054006", "Diabetes mellitus type 2", 30, 0.18, "860975",
			"24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet", LabPanel.HBA1C),
	HYPERLIPIDEMIA("55822004", "Hyperlipidemia", 35, 0.25, "617310", "atorvastatin 20 MG Oral Tablet",
			LabPanel.LIPID),
	ASTHMA("195967001", "Asthma", 3, 0.08, "2123111",
			"NDA020503 200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler", null),
	CHRONIC_KIDNEY_DISEASE("433144002", "Chronic kidney disease stage 3", 50, 0.07, null, null, LabPanel.BMP),
	DEPRESSION("370143000", "Major depressive disorder", 14, 0.08, "312940", "sertraline 50 MG Oral Tablet",
			null),
	ATRIAL_FIBRILLATION("49436004", "Atrial fibrillation", 60, 0.10, "855332", "warfarin sodium 5 MG Oral Tablet",
			null),
	HYPOTHYROIDISM("40930008", "Hypothyroidism", 20, 0.06, "966222", "levothyroxine sodium 0.075 MG Oral Tablet",
			null),
	OSTEOARTHRITIS("239873007", "Osteoarthritis of knee", 45, 0.15, "313782", "acetaminophen 325 MG Oral Tablet",
			null),
	OBESITY("162864005", "Body mass index 30+ - obesity", 18, 0.20, null, null, null);

	final String code;

	final String display;

	final int minimumAge;

	final double prevalence;

	final String rxnorm;

	final String medication;

	final LabPanel followUp;

	ChronicCondition(String code, String display, int minimumAge, double prevalence, String rxnorm,
			String medication, LabPanel followUp) {
		this.code = code;
		this.display = display;
		this.minimumAge = minimumAge;
		this.prevalence = prevalence;
		this.rxnorm = rxnorm;
		this.medication = medication;
		this.followUp = followUp;
	}

}
