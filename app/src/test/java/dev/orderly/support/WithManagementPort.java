package dev.orderly.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application ({@link OrderlyAppTest}) with actuator on a management port of its own, as
 * the container image, docker-compose.yml and the Kubernetes manifests run it
 * ({@code MANAGEMENT_SERVER_PORT}, ADR 0023). Test classes that extend it share one Spring context.
 */
@OrderlyAppTest
public abstract class WithManagementPort {

	/** The management port of the application under test (on 127.0.0.1). */
	public static final int MANAGEMENT_PORT = freePort();

	@DynamicPropertySource
	static void managementPort(DynamicPropertyRegistry registry) {
		registry.add("management.server.port", () -> MANAGEMENT_PORT);
		registry.add("management.server.address", () -> "127.0.0.1");
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
