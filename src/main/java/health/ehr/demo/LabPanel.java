package health.ehr.demo;

import java.util.List;

/**
 * The laboratory panels the generator orders (LOINC), each with its analytes, their UCUM units and
 * reference ranges.
 */
enum LabPanel {

	CBC("58410-2", "CBC panel - Blood by Automated count",
			List.of(new Analyte("6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", 1, 4.5, 11.0),
					new Analyte("718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 1, 12.0, 17.5),
					new Analyte("4544-3", "Hematocrit [Volume Fraction] of Blood by Automated count", "%", 1, 36.0,
							50.0),
					new Analyte("777-3", "Platelets [#/volume] in Blood by Automated count", "10*3/uL", 0, 150.0,
							400.0))),
	BMP("51990-0", "Basic metabolic panel - Blood",
			List.of(new Analyte("2345-7", "Glucose [Mass/volume] in Serum or Plasma", "mg/dL", 0, 70.0, 99.0),
					new Analyte("3094-0", "Urea nitrogen [Mass/volume] in Serum or Plasma", "mg/dL", 0, 7.0, 20.0),
					new Analyte("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 2, 0.6, 1.3),
					new Analyte("2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 0, 135.0, 145.0),
					new Analyte("2823-3", "Potassium [Moles/volume] in Serum or Plasma", "mmol/L", 1, 3.5, 5.1),
					new Analyte("2075-0", "Chloride [Moles/volume] in Serum or Plasma", "mmol/L", 0, 98.0, 107.0),
					new Analyte("2028-9", "Carbon dioxide, total [Moles/volume] in Serum or Plasma", "mmol/L", 0,
							22.0, 29.0),
					new Analyte("17861-6", "Calcium [Mass/volume] in Serum or Plasma", "mg/dL", 1, 8.6, 10.3))),
	HBA1C("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood",
			List.of(new Analyte("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%", 1, 4.0, 5.6))),
	LIPID("57698-3", "Lipid panel with direct LDL - Serum or Plasma",
			List.of(new Analyte("2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "mg/dL", 0, 100.0, 200.0),
					new Analyte("2571-8", "Triglyceride [Mass/volume] in Serum or Plasma", "mg/dL", 0, 40.0, 150.0),
					new Analyte("2085-9", "Cholesterol in HDL [Mass/volume] in Serum or Plasma", "mg/dL", 0, 40.0,
							90.0),
					new Analyte("18262-6", "Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay",
							"mg/dL", 0, 40.0, 100.0)));

	final String code;

	final String display;

	final List<Analyte> analytes;

	LabPanel(String code, String display, List<Analyte> analytes) {
		this.code = code;
		this.display = display;
		this.analytes = analytes;
	}

	/**
	 * One measured quantity of a panel.
	 * @param low the lower end of the reference range
	 * @param high the upper end of the reference range
	 */
	record Analyte(String code, String display, String unit, int decimals, double low, double high) {
	}

}
