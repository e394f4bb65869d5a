package dev.orderly.support;

import java.net.URI;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The RabbitMQ of the split-mode tests, on one code path like the test database: a Testcontainers
 * RabbitMQ where a Docker engine is available, otherwise the server at
 * {@code ORDERLY_TEST_RABBITMQ_URL} ({@code amqp://user:password@host:port/vhost}), else
 * {@code amqp://guest:guest@127.0.0.1:5672}. Fails clearly when neither is reachable. Every broker
 * comes with a prefix unique to the test run ({@link #prefix}) for the exchange and queue names, so
 * that parallel runs on one server do not meet; {@link #deleteAll} removes them.
 *
 * @param host broker host
 * @param port AMQP port
 * @param username user
 * @param password password
 * @param virtualHost virtual host
 * @param prefix unique prefix of this run's exchange and queue names
 */
public record TestBroker(String host, int port, String username, String password, String virtualHost, String prefix) {

	public static final String URL_VARIABLE = "ORDERLY_TEST_RABBITMQ_URL";

	private static final String DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672";

	public static TestBroker create() {
		String prefix = "orderly-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
		if (DockerClientFactory.instance().isDockerAvailable()) {
			RabbitMQContainer container = new RabbitMQContainer("rabbitmq:4-management-alpine");
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
			return new TestBroker(container.getHost(), container.getAmqpPort(), container.getAdminUsername(),
					container.getAdminPassword(), "/", prefix);
		}
		String url = System.getenv(URL_VARIABLE);
		URI uri = URI.create(url == null || url.isBlank() ? DEFAULT_URL : url);
		String[] credentials = uri.getUserInfo() == null ? new String[] { "guest", "guest" }
				: uri.getUserInfo().split(":", 2);
		String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "/" : uri.getPath().substring(1);
		TestBroker broker = new TestBroker(uri.getHost(), uri.getPort() < 0 ? 5672 : uri.getPort(), credentials[0],
				credentials.length > 1 ? credentials[1] : "", path, prefix);
		CachingConnectionFactory connections = broker.connectionFactory();
		try {
			connections.createConnection().close();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("""
					No message broker for the tests: Docker is not available for Testcontainers, and RabbitMQ at \
					%s:%d (user %s) cannot be reached (%s). Start Docker, or start RabbitMQ there, or set %s to \
					amqp://user:password@host:port of a server.""".formatted(broker.host(), broker.port(),
					broker.username(), ex.getMessage(), URL_VARIABLE), ex);
		}
		finally {
			connections.destroy();
		}
		return broker;
	}

	/** A connection factory for the test itself ({@code destroy()} it). */
	public CachingConnectionFactory connectionFactory() {
		CachingConnectionFactory connections = new CachingConnectionFactory(host, port);
		connections.setUsername(username);
		connections.setPassword(password);
		connections.setVirtualHost(virtualHost);
		return connections;
	}

	/** Deletes the exchanges and queues of this run (those named with its prefix). */
	public void deleteAll(String... names) {
		CachingConnectionFactory connections = connectionFactory();
		try {
			RabbitAdmin admin = new RabbitAdmin(connections);
			for (String name : names) {
				admin.deleteQueue(name);
				admin.deleteExchange(name);
			}
		}
		catch (RuntimeException ex) {
			System.getLogger(TestBroker.class.getName())
				.log(System.Logger.Level.WARNING, "Could not delete the test broker's names: " + ex.getMessage());
		}
		finally {
			connections.destroy();
		}
	}
}
