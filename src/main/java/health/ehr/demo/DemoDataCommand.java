package health.ehr.demo;

import java.nio.file.Path;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The data commands: {@code --ehr.demo.generate=N} generates and loads N patients, {@code --ehr.import=PATH}
 * imports the Bundles and NDJSON files at PATH; either prints a summary and ends the process (exit code 0, or 2
 * when an import had problems). Without them the server starts as usual.
 */
@Component
class DemoDataCommand implements ApplicationRunner {

	private final DemoProperties properties;

	private final DemoDataLoading loading;

	private final ResourceImporter importer;

	private final Environment environment;

	private final ConfigurableApplicationContext context;

	DemoDataCommand(DemoProperties properties, DemoDataLoading loading, ResourceImporter importer,
			Environment environment, ConfigurableApplicationContext context) {
		this.properties = properties;
		this.loading = loading;
		this.importer = importer;
		this.environment = environment;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		String importPath = this.environment.getProperty("ehr.import", "");
		if (this.properties.generate() <= 0 && importPath.isBlank()) {
			return;
		}
		int exitCode = 0;
		if (this.properties.generate() > 0) {
			long start = System.nanoTime();
			DemoDataSet set = this.loading.load(this.properties.generate());
			System.out.printf("Generated and loaded %d resources for %d patients (seed %d) in %.1f s%n",
					set.resources(), set.patientIds().size(), this.properties.seed(),
					(System.nanoTime() - start) / 1e9);
		}
		if (!importPath.isBlank()) {
			ImportReport report = this.importer.importPath(Path.of(importPath));
			System.out.println(report.summary());
			exitCode = report.problems().isEmpty() ? 0 : 2;
		}
		int code = exitCode;
		System.exit(SpringApplication.exit(this.context, () -> code));
	}

}
