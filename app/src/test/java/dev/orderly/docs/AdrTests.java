package dev.orderly.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.orderly.support.RepositoryFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision records stay readable as a history (ADR 0032): every ADR in {@code docs/adr/} has,
 * right under its title, a {@code Date:} (ISO date) and a {@code Status:} line — accepted,
 * proposed, deprecated, or amended / superseded by a later ADR named by its number — and appears in
 * the index {@code docs/adr/README.md}. Nothing in the repository's Markdown or Java cites a design
 * document that is not in it.
 */
class AdrTests {

	static final Path ADRS = RepositoryFiles.root().resolve("docs/adr");

	static final Pattern FILE = Pattern.compile("\\d{4}-[a-z0-9-]+\\.md");

	static final Pattern DATE = Pattern.compile("Date: \\d{4}-\\d{2}-\\d{2}");

	static final Pattern STATUS = Pattern.compile(
			"Status: (proposed|accepted|deprecated|superseded by \\d{4})\\b.*");

	static final Pattern REFERS_TO_LATER = Pattern.compile(".*\\b(amended|superseded|replaced)\\b.*");

	static final Pattern NAMES_ADR = Pattern.compile(".*\\b(amended|superseded|replaced)( in part)? by \\d{4}\\b.*");

	@Test
	void everyAdrHasADateAndAStatusUnderItsTitle() throws IOException {
		List<Path> adrs = adrs();
		assertThat(adrs).hasSizeGreaterThanOrEqualTo(29);
		List<String> problems = new ArrayList<>();
		for (Path adr : adrs) {
			List<String> lines = Files.readAllLines(adr, StandardCharsets.UTF_8);
			String name = adr.getFileName().toString();
			if (lines.isEmpty() || !lines.get(0).startsWith("# " + name.substring(0, 4))) {
				problems.add(name + ": the first line is not its title '# " + name.substring(0, 4) + " — …'");
				continue;
			}
			List<String> head = lines.subList(1, Math.min(lines.size(), 5)).stream().map(String::strip).toList();
			if (head.stream().noneMatch(line -> DATE.matcher(line).matches())) {
				problems.add(name + ": no 'Date: yyyy-mm-dd' line under the title");
			}
			String status = head.stream().filter(line -> line.startsWith("Status:")).findFirst().orElse(null);
			if (status == null || !STATUS.matcher(status).matches()) {
				problems.add(name + ": no 'Status: accepted | proposed | deprecated | superseded by NNNN' line under the title");
			}
			else if (REFERS_TO_LATER.matcher(status).matches() && !NAMES_ADR.matcher(status).matches()) {
				problems.add(name + ": '" + status + "' does not name the ADR that amends or supersedes it ('by NNNN')");
			}
		}
		assertThat(problems).as("ADRs without Date or Status").isEmpty();
	}

	@Test
	void theIndexListsEveryAdr() throws IOException {
		String index = Files.readString(ADRS.resolve("README.md"), StandardCharsets.UTF_8);
		assertThat(adrs()).allSatisfy(adr -> assertThat(index).as("docs/adr/README.md links %s", adr.getFileName())
			.contains("(" + adr.getFileName() + ")"));
	}

	@Test
	void nothingCitesADesignDocumentOutsideTheRepository() throws IOException {
		Path root = RepositoryFiles.root();
		List<String> citing = new ArrayList<>();
		for (String folder : List.of("docs", "app/src", "modules", "README.md")) {
			Path start = root.resolve(folder);
			if (!Files.exists(start)) {
				continue;
			}
			try (Stream<Path> files = Files.walk(start)) {
				for (Path file : files.filter(Files::isRegularFile)
					.filter(file -> file.toString().endsWith(".md") || file.toString().endsWith(".java"))
					.filter(file -> !file.toString().contains("/target/"))
					.toList()) {
					if (Files.readString(file, StandardCharsets.UTF_8).matches("(?s).*\\b[D]ESIGN(\\.md| §).*")) {
						citing.add(root.relativize(file).toString());
					}
				}
			}
		}
		assertThat(citing).as("files citing a design document that is not in the repository: state the rule itself")
			.isEmpty();
	}

	static List<Path> adrs() throws IOException {
		try (Stream<Path> files = Files.list(ADRS)) {
			return files.filter(file -> FILE.matcher(file.getFileName().toString()).matches()).sorted().toList();
		}
	}
}
