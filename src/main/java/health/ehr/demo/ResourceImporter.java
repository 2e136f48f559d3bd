package health.ehr.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import health.ehr.store.ResourceStore;

/**
 * Imports FHIR R4 resources from disk: JSON Bundles (transaction, batch, collection, ...; {@code urn:uuid:}
 * references resolved, as in Synthea's output), single JSON resources and NDJSON files (one resource per line,
 * as Bulk Data export writes them), from a file or a directory tree. A bad line or entry is reported with its
 * file and place and the rest is still loaded.
 *
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/">Bulk Data NDJSON</a>
 */
@Component
public class ResourceImporter {

	private static final Logger logger = LoggerFactory.getLogger(ResourceImporter.class);

	private final ResourceStore store;

	private final DemoProperties properties;

	private final FhirContext fhir = FhirContext.forR4Cached();

	ResourceImporter(ResourceStore store, DemoProperties properties) {
		this.store = store;
		this.properties = properties;
	}

	/** Imports every {@code .json} and {@code .ndjson} file at {@code path} (a file, or a directory tree). */
	public ImportReport importPath(Path path) {
		Assert.notNull(path, "path cannot be null");
		if (!Files.exists(path)) {
			throw new IllegalArgumentException("No such file or directory: " + path);
		}
		ImportReport report = new ImportReport();
		ImportBatch batch = new ImportBatch(this.store, this.properties.batchSize(), report);
		ConditionalReferences conditionals = new ConditionalReferences(this.store, this.fhir);
		for (Path file : files(path)) {
			report.fileRead();
			String name = file.toString();
			if (name.endsWith(".ndjson")) {
				importNdjson(file, batch, report);
			}
			else {
				importJson(file, batch, report, conditionals);
			}
			// Later files may refer to this one's resources by conditional reference: store them first.
			batch.flush();
		}
		this.store.refreshStatistics();
		logger.info(report.summary());
		return report;
	}

	/** Synthea's hospital and practitioner files first: the patients' bundles refer to them. */
	private static List<Path> files(Path path) {
		try (Stream<Path> walk = Files.walk(path)) {
			return walk.filter(Files::isRegularFile)
				.filter((file) -> file.toString().endsWith(".json") || file.toString().endsWith(".ndjson"))
				.sorted(Comparator.comparing((Path file) -> !file.getFileName().toString().contains("Information"))
					.thenComparing(Path::toString))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + path, ex);
		}
	}

	private void importNdjson(Path file, ImportBatch batch, ImportReport report) {
		IParser parser = this.fhir.newJsonParser();
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			long number = 0;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				String location = "line " + number;
				try {
					IBaseResource resource = parser.parseResource(line);
					if (resource.getIdElement().getIdPart() == null) {
						report.problem(file.toString(), location, "the resource has no id");
						continue;
					}
					batch.add(resource, file.toString(), location);
				}
				catch (DataFormatException ex) {
					report.problem(file.toString(), location, "not a FHIR resource: " + ex.getMessage());
				}
			}
		}
		catch (IOException ex) {
			report.problem(file.toString(), "file", "cannot read: " + ex.getMessage());
		}
	}

	private void importJson(Path file, ImportBatch batch, ImportReport report, ConditionalReferences conditionals) {
		IBaseResource parsed;
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			parsed = this.fhir.newJsonParser().parseResource(reader);
		}
		catch (IOException ex) {
			report.problem(file.toString(), "file", "cannot read: " + ex.getMessage());
			return;
		}
		catch (DataFormatException ex) {
			report.problem(file.toString(), "file", "not a FHIR resource: " + ex.getMessage());
			return;
		}
		if (parsed instanceof Bundle bundle && bundle.getType() != Bundle.BundleType.DOCUMENT) {
			BundleEntries entries = new BundleEntries(this.fhir, conditionals, report, file.toString());
			for (BundleEntries.Entry entry : entries.resolve(bundle)) {
				batch.add(entry.resource(), file.toString(), entry.location());
			}
		}
		else if (parsed.getIdElement().getIdPart() == null) {
			report.problem(file.toString(), "file", "the resource has no id");
		}
		else {
			conditionals.imported((Resource) parsed);
			batch.add(parsed, file.toString(), "file");
		}
	}

}
