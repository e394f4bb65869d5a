package dev.orderly.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository itself (README.md, docker-compose.yml, the launcher), found from any working directory inside it. */
public final class RepositoryFiles {

	private RepositoryFiles() {
	}

	/** The repository's root: the nearest directory up from the working directory with mvnw and README.md. */
	public static Path root() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("README.md"))) {
				return dir;
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException("Not inside the repository: " + Path.of("").toAbsolutePath());
	}
}
