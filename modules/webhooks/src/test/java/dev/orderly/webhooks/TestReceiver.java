package dev.orderly.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver on loopback (the JDK's {@code HttpServer}): records every request it gets and
 * answers each path with the responses scripted for it, in order, then 200 (or what
 * {@link #answerOtherwise} says).
 */
public final class TestReceiver implements AutoCloseable {

	/** A request as received: path, headers (lower-case names), body, when. */
	public record Received(String path, Map<String, String> headers, String body, Instant at) {

		public String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}
	}

	/** A scripted answer: status, headers, and a delay before answering. */
	public record Answer(int status, Map<String, String> headers, Duration delay, int bodyBytes) {

		public Answer(int status, Map<String, String> headers, Duration delay) {
			this(status, headers, delay, 0);
		}

		public static Answer status(int status) {
			return new Answer(status, Map.of(), Duration.ZERO);
		}

		public static Answer slow(Duration delay) {
			return new Answer(200, Map.of(), delay);
		}

		/** 200 with a body of this many bytes, of which all but the first 8 KB come only after 10 s. */
		public static Answer large(int bodyBytes) {
			return new Answer(200, Map.of(), Duration.ZERO, bodyBytes);
		}
	}

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, ConcurrentLinkedDeque<Answer>> scripts = new ConcurrentHashMap<>();

	private volatile Answer otherwise = Answer.status(200);

	public TestReceiver() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/", exchange -> {
			try (exchange; InputStream in = exchange.getRequestBody()) {
				String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				Map<String, String> headers = new TreeMap<>();
				exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
						String.join(",", values)));
				String path = exchange.getRequestURI().getPath();
				received.add(new Received(path, headers, body, Instant.now()));
				ConcurrentLinkedDeque<Answer> script = scripts.get(path);
				Answer answer = script == null || script.isEmpty() ? otherwise : script.poll();
				if (answer.delay().isPositive()) {
					Thread.sleep(answer.delay());
				}
				answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
				byte[] reply = answer.bodyBytes() > 0 ? new byte[answer.bodyBytes()]
						: "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(answer.status(), reply.length);
				if (reply.length > 8192) {
					exchange.getResponseBody().write(reply, 0, 8192);
					exchange.getResponseBody().flush();
					Thread.sleep(Duration.ofSeconds(10));
					exchange.getResponseBody().write(reply, 8192, reply.length - 8192);
				}
				else {
					exchange.getResponseBody().write(reply);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		server.start();
	}

	/** The URL of a path on this receiver. */
	public String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	/** Scripts the next answers of a path. */
	public void answer(String path, Answer... answers) {
		scripts.computeIfAbsent(path, key -> new ConcurrentLinkedDeque<>()).addAll(List.of(answers));
	}

	/** The answer to every request that no script answers (200 at once unless set). */
	public void answerOtherwise(Answer answer) {
		otherwise = answer;
	}

	public List<Received> at(String path) {
		List<Received> matching = new ArrayList<>();
		for (Received request : received) {
			if (request.path().equals(path)) {
				matching.add(request);
			}
		}
		return matching;
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
