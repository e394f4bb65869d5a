package dev.orderly.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.orderly.support.RepositoryFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every module has an owning team (ADR 0032): {@code .github/CODEOWNERS} names one for each module
 * directory under {@code modules/}, for each Maven module nested in it (its contract artifact) and
 * for each of its migration folders, and the same team owns all three. Adding a module without
 * an owner fails here.
 */
class OwnershipTests {

	static final Path ROOT = RepositoryFiles.root();

	static final Path CODEOWNERS = ROOT.resolve(".github/CODEOWNERS");

	@Test
	void everyEntryNamesTeams() throws IOException {
		Map<String, List<String>> entries = entries();
		assertThat(entries).isNotEmpty().containsKeys("*", "/app/", "/docs/", "/deploy/");
		entries.forEach((pattern, owners) -> assertThat(owners).as("owners of %s", pattern)
			.isNotEmpty()
			.allMatch(owner -> owner.matches("@orderly/[a-z0-9-]+"), "a team of the orderly organisation"));
	}

	@Test
	void everyModuleItsContractArtifactAndItsMigrationsHaveTheModulesTeam() throws IOException {
		Map<String, List<String>> entries = entries();
		List<String> problems = new ArrayList<>();
		List<Path> modules = children(ROOT.resolve("modules")).stream()
			.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
			.toList();
		assertThat(modules).as("the modules under modules/").hasSizeGreaterThanOrEqualTo(5);
		for (Path module : modules) {
			String pattern = pattern(module);
			List<String> owners = entries.get(pattern);
			if (owners == null || owners.isEmpty()) {
				problems.add(pattern + " has no entry of its own in .github/CODEOWNERS");
				continue;
			}
			String team = owners.get(0);
			List<Path> owned = new ArrayList<>();
			children(module).stream().filter(dir -> Files.isRegularFile(dir.resolve("pom.xml"))).forEach(owned::add);
			children(module.resolve("src/main/resources/db/migration")).forEach(owned::add);
			for (Path part : owned) {
				List<String> partOwners = entries.get(pattern(part));
				if (partOwners == null || !partOwners.contains(team)) {
					problems.add(pattern(part) + " is not owned by " + team + ", the team of " + pattern);
				}
			}
		}
		assertThat(problems).as("entries missing from .github/CODEOWNERS").isEmpty();
	}

	/** Pattern → owners, in file order (the last match wins on GitHub and GitLab). */
	static Map<String, List<String>> entries() throws IOException {
		Map<String, List<String>> entries = new LinkedHashMap<>();
		for (String line : Files.readAllLines(CODEOWNERS)) {
			String content = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
			String[] fields = content.strip().split("\\s+");
			if (fields.length == 0 || fields[0].isEmpty()) {
				continue;
			}
			entries.put(fields[0], List.of(fields).subList(1, fields.length));
		}
		return entries;
	}

	private static String pattern(Path dir) {
		return "/" + ROOT.relativize(dir).toString().replace('\\', '/') + "/";
	}

	private static List<Path> children(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(Files::isDirectory)
				.filter(child -> !child.getFileName().toString().equals("target")
						&& !child.getFileName().toString().equals("src"))
				.sorted()
				.toList();
		}
	}
}
