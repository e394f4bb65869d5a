package dev.orderly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.orderly.support.RepositoryFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./orderly}, the README's run and test command, finds a JDK 21+ by itself: with
 * {@code JAVA_HOME} unset and only the system directories on the PATH (where {@code java} may be
 * an older one), as on a newcomer's machine. .ci/run calls the README's test command through it.
 */
class LauncherTests {

	@Test
	void findsAJdk21OrNewerWithoutJavaHome() throws IOException, InterruptedException {
		ProcessBuilder process = new ProcessBuilder("bash", "orderly", "java-home").directory(RepositoryFiles.root().toFile())
			.redirectErrorStream(true);
		process.environment().remove("JAVA_HOME");
		process.environment().put("PATH", "/usr/bin:/bin");
		Process started = process.start();
		try {
			assertThat(started.waitFor(60, TimeUnit.SECONDS)).isTrue();
			String javaHome = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

			assertThat(started.exitValue()).as(javaHome).isZero();
			assertThat(Path.of(javaHome, "bin", "javac")).isExecutable();
			assertThat(majorVersion(Path.of(javaHome))).isGreaterThanOrEqualTo(21);
		}
		finally {
			started.destroyForcibly();
		}
	}

	@Test
	void ciRunsTheReadmesTestCommand() throws IOException {
		String readme = Files.readString(RepositoryFiles.root().resolve("README.md"));
		String ci = Files.readString(RepositoryFiles.root().resolve(".ci/run"));
		String testSection = readme.substring(readme.indexOf("\n## Test it\n"));
		int start = testSection.indexOf("```bash\n") + "```bash\n".length();
		String testCommand = testSection.substring(start, testSection.indexOf("\n```", start));

		assertThat(testCommand).isEqualTo("./orderly test");
		assertThat(ci.lines().map(String::strip)).contains(testCommand);
	}

	/**
	 * A module team's loop (ADR 0031): {@code ./orderly test -pl modules/<m> -am} runs only the tests of
	 * {@code dev/orderly/<m>/**}; anything else, and a caller's own {@code -Dtest}, is passed on as is.
	 * ({@code --version} makes Maven print its version instead of building.)
	 */
	@Test
	void runsOnlyTheModulesOwnTestsInAModuleTeamsLoop() throws IOException, InterruptedException {
		assertThat(launch("test", "-pl", "modules/orders", "-am", "--version"))
			.contains("orderly: the module's loop: only its own tests (-Dtest=dev/orderly/orders/**)");
		assertThat(launch("test", "-pl=modules/notifications/", "-am", "--version"))
			.contains("(-Dtest=dev/orderly/notifications/**)");
		assertThat(launch("test", "-pl", "modules/orders", "-am", "-Dtest=OrderTests", "--version"))
			.doesNotContain("the module's loop");
		assertThat(launch("test", "--version")).doesNotContain("the module's loop").contains("Apache Maven");
	}

	private static String launch(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("bash", "orderly"));
		command.addAll(List.of(arguments));
		Process started = new ProcessBuilder(command).directory(RepositoryFiles.root().toFile())
			.redirectErrorStream(true)
			.start();
		try {
			assertThat(started.waitFor(120, TimeUnit.SECONDS)).isTrue();
			String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(started.exitValue()).as(output).isZero();
			return output;
		}
		finally {
			started.destroyForcibly();
		}
	}

	private static int majorVersion(Path javaHome) throws IOException {
		String release = Files.readString(javaHome.resolve("release"));
		String version = release.replaceAll("(?s).*JAVA_VERSION=\"([0-9]+).*", "$1");
		return Integer.parseInt(version);
	}
}
