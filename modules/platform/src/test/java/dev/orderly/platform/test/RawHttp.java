package dev.orderly.platform.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request written byte for byte over a loopback socket, for what well-behaved clients
 * refuse to send (a NUL in a header, {@code %zz} in a path, an overlong request line). Bounded:
 * a 5 s connect and read timeout, at most 1 MB read, the connection closed afterwards.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/** A parsed response: status, headers (lower-case names) and body. */
	public record Response(int status, Map<String, String> headers, String body) {

		public String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}
	}

	/** Sends {@code head} (request line and headers, CRLF-separated, without the final blank line). */
	public static Response send(int port, String head) throws IOException {
		return send(port, head, null);
	}

	/**
	 * Sends {@code head} and, if not {@code null}, {@code body} with its {@code Content-Length}. A
	 * server that answers before reading the whole request may close early; the answer is read anyway.
	 */
	public static Response send(int port, String head, byte[] body) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			String length = body == null ? "" : "\r\nContent-Length: " + body.length;
			try {
				out.write((head + length + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				if (body != null) {
					out.write(body);
				}
				out.flush();
			}
			catch (IOException ex) {
				// answered and closed before the request was written completely: read the answer
			}
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			int read;
			while (received.size() < 1_048_576 && (read = in.read(buffer)) != -1) {
				received.write(buffer, 0, read);
			}
			return parse(received.toString(StandardCharsets.UTF_8));
		}
	}

	private static Response parse(String raw) {
		int end = raw.indexOf("\r\n\r\n");
		String head = end < 0 ? raw : raw.substring(0, end);
		String body = end < 0 ? "" : raw.substring(end + 4);
		String[] lines = head.split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
			}
		}
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = unchunk(body);
		}
		return new Response(status, headers, body);
	}

	private static String unchunk(String body) {
		StringBuilder out = new StringBuilder();
		int at = 0;
		while (at < body.length()) {
			int lineEnd = body.indexOf("\r\n", at);
			if (lineEnd < 0) {
				break;
			}
			int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
			if (size == 0) {
				break;
			}
			out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
			at = lineEnd + 2 + size + 2;
		}
		return out.toString();
	}
}
