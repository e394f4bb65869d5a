import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP server that accepts every message and throws it away, so that the benchmark
 * measures Orderly's notification path (outbox, listener, rendering, SMTP hand-off) without a
 * real mail server. Loopback only. Run: {@code java benchmark/SmtpSink.java <port>} (JDK 21+
 * source launcher). Prints the number of messages accepted when it is stopped.
 */
public class SmtpSink {

	private static final AtomicLong MESSAGES = new AtomicLong();

	public static void main(String[] args) throws Exception {
		int port = args.length > 0 ? Integer.parseInt(args[0]) : 1025;
		Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("smtp-sink: " + MESSAGES.get() + " messages")));
		try (ServerSocket server = new ServerSocket(port, 200, InetAddress.getLoopbackAddress())) {
			System.out.println("smtp-sink: listening on 127.0.0.1:" + port);
			while (true) {
				Socket socket = server.accept();
				Thread.ofVirtual().start(() -> serve(socket));
			}
		}
	}

	private static void serve(Socket socket) {
		try (socket;
				BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
				OutputStream out = socket.getOutputStream()) {
			reply(out, "220 smtp-sink ESMTP");
			String line;
			boolean data = false;
			while ((line = in.readLine()) != null) {
				if (data) {
					if (line.equals(".")) {
						data = false;
						MESSAGES.incrementAndGet();
						reply(out, "250 OK: queued");
					}
					continue;
				}
				String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
				switch (command) {
					case "EHLO" -> reply(out, "250-smtp-sink\r\n250-8BITMIME\r\n250 SMTPUTF8");
					case "HELO" -> reply(out, "250 smtp-sink");
					case "DATA" -> {
						data = true;
						reply(out, "354 End data with <CR><LF>.<CR><LF>");
					}
					case "QUIT" -> {
						reply(out, "221 Bye");
						return;
					}
					default -> reply(out, "250 OK");
				}
			}
		}
		catch (Exception ex) {
			// a client that hangs up is not our problem
		}
	}

	private static void reply(OutputStream out, String text) throws java.io.IOException {
		out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}
}
