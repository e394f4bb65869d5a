package dev.orderly.platform;

import org.springframework.core.env.Environment;

/**
 * A module's check of its own settings before anything starts: an instance that runs the module
 * refuses to start with settings that do not add up, with a message that says what to set (e.g. no
 * way to deliver email; a production instance without its signing keys from a secret). Each module
 * lists its checks in its {@code META-INF/spring.factories} under this interface's name; the
 * composition root runs those of the modules the instance runs (the module is the check's package,
 * {@link Modules#of}), so it names no module's setting (docs/adr/0034, docs/adr/0035).
 */
public interface StartupCheck {

	/**
	 * @throws IllegalStateException with what to set when the settings do not add up
	 */
	void check(Environment environment);
}
