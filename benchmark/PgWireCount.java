import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts what an application asks of PostgreSQL, exchange by exchange, from the wire: a TCP proxy on
 * loopback between the application and PostgreSQL that reads the frontend/backend protocol (v3) as
 * it passes and writes one line per round trip. A round trip is one exchange in which the client
 * waits for the server: it begins with the first message the client sends while it has every answer
 * it asked for, and ends with the server's {@code ReadyForQuery} ('Z') to the last {@code Sync} (or
 * simple {@code Query}) the client sent meanwhile. So a JDBC batch, or a {@code BEGIN} that the driver
 * sends together with the first statement (each with a Sync of its own), counts as one round trip
 * exactly when the driver really sent it without waiting in between. With each round trip it keeps
 * the statements it carried (text of the Parse of the executed portal's statement, or of the simple
 * query), the server's command tags ({@code INSERT 0 2}, {@code UPDATE 1}, {@code COMMIT}, …) and the
 * transaction status after it ('I' idle, 'T' in a transaction, 'E' failed): so transactions and
 * commits can be told apart too. Bytes pass unchanged; the connection must not use TLS
 * ({@code sslmode=disable}).
 *
 * <pre>
 * java benchmark/PgWireCount.java proxy LISTEN_PORT PG_HOST PG_PORT LOG_FILE
 * java benchmark/PgWireCount.java report LOG_FILE ORDERS [SERVER_LOG DATABASE]   # the per-order table by step
 * </pre>
 * With the server's statement log of the same window ({@code log_statement = 'all'}, the log line
 * prefix {@code %m [%p] %q%u@%d }), the report also counts each step's statements and transactions
 * as PostgreSQL logged them, per backend process: a cross-check that owes nothing to the proxy.
 */
public class PgWireCount {

	public static void main(String[] args) throws Exception {
		if (args.length >= 5 && args[0].equals("proxy")) {
			proxy(Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]), Path.of(args[4]));
		}
		else if (args.length >= 3 && args[0].equals("report")) {
			report(Path.of(args[1]), Integer.parseInt(args[2]), args.length >= 5 ? Path.of(args[3]) : null,
					args.length >= 5 ? args[4] : null);
		}
		else {
			System.err.println("usage: proxy LISTEN_PORT PG_HOST PG_PORT LOG_FILE | report LOG_FILE ORDERS");
			System.exit(2);
		}
	}

	// ------------------------------------------------------------------------------------- proxy

	private static final AtomicInteger CONNECTIONS = new AtomicInteger();

	private static BufferedWriter out;

	static void proxy(int port, String host, int pgPort, Path log) throws IOException {
		out = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
		Runtime.getRuntime().addShutdownHook(new Thread(PgWireCount::flush));
		try (ServerSocket server = new ServerSocket(port, 200, InetAddress.getLoopbackAddress())) {
			System.out.println("pg-wire-count: listening on 127.0.0.1:" + port + " for " + host + ":" + pgPort);
			while (true) {
				Socket client = server.accept();
				Socket upstream = new Socket(host, pgPort);
				client.setTcpNoDelay(true);
				upstream.setTcpNoDelay(true);
				Connection connection = new Connection(CONNECTIONS.incrementAndGet());
				Thread.ofVirtual().start(() -> pump(client, upstream, connection, true));
				Thread.ofVirtual().start(() -> pump(upstream, client, connection, false));
			}
		}
	}

	static synchronized void write(String line) {
		try {
			out.write(line);
			out.write('\n');
			out.flush(); // the report cuts the log at marker lines while the proxy runs
		}
		catch (IOException ex) {
			throw new RuntimeException(ex);
		}
	}

	static synchronized void flush() {
		try {
			out.flush();
		}
		catch (IOException ignored) {
		}
	}

	static void pump(Socket from, Socket to, Connection connection, boolean fromClient) {
		try (from; to) {
			InputStream in = from.getInputStream();
			OutputStream os = to.getOutputStream();
			Parser parser = new Parser(connection, fromClient);
			byte[] buffer = new byte[65536];
			int n;
			while ((n = in.read(buffer)) >= 0) {
				parser.feed(buffer, n); // parse first: a statement is noted before its answer can come
				os.write(buffer, 0, n);
				os.flush();
			}
		}
		catch (IOException ignored) {
			// one side closed: the try closes the other
		}
	}

	/** What one connection has sent since its last ReadyForQuery, and its prepared statements. */
	static final class Connection {

		final int id;

		final Map<String, String> statements = new HashMap<>();

		final Map<String, String> portals = new HashMap<>();

		final List<String> executed = new ArrayList<>();

		final List<String> tags = new ArrayList<>();

		int roundTrips;

		/** Syncs and simple queries sent and not answered yet (by a ReadyForQuery). */
		int outstanding;

		/** Raw one-byte answers the server still owes (SSLRequest/GSSENCRequest: 'N'). */
		int rawBytesExpected;

		Connection(int id) {
			this.id = id;
		}

		/** A message from the client: the first one while nothing is outstanding begins a round trip. */
		synchronized void sent(char type) {
			if (type == 'S' || type == 'Q') {
				outstanding++;
			}
		}

		synchronized void parsed(String name, String sql) {
			statements.put(name, sql);
		}

		synchronized void bound(String portal, String statement) {
			portals.put(portal, statement);
		}

		synchronized void execute(String portal) {
			String sql = statements.getOrDefault(portals.getOrDefault(portal, ""), "?");
			executed.add(sql);
		}

		synchronized void query(String sql) {
			executed.add(sql);
		}

		synchronized void tag(String tag) {
			tags.add(tag);
		}

		synchronized void ready(char status) {
			outstanding = Math.max(0, outstanding - 1);
			if (outstanding > 0) {
				return; // the client sent more before this answer: the same round trip
			}
			roundTrips++;
			String statements = String.join(" ;; ", executed).replaceAll("\\s+", " ").strip();
			write(id + "\t" + roundTrips + "\t" + status + "\t" + String.join("|", tags) + "\t" + statements);
			executed.clear();
			tags.clear();
		}
	}

	/** Splits a byte stream into protocol messages: a type byte and an int32 length (startup: none). */
	static final class Parser {

		final Connection connection;

		final boolean fromClient;

		boolean startup;

		byte[] pending = new byte[0];

		Parser(Connection connection, boolean fromClient) {
			this.connection = connection;
			this.fromClient = fromClient;
			this.startup = fromClient;
		}

		void feed(byte[] chunk, int n) {
			byte[] data = new byte[pending.length + n];
			System.arraycopy(pending, 0, data, 0, pending.length);
			System.arraycopy(chunk, 0, data, pending.length, n);
			int at = 0;
			while (true) {
				if (!fromClient && connection.rawBytesExpected > 0 && at < data.length) {
					connection.rawBytesExpected--;
					at++;
					continue;
				}
				if (startup) { // untyped: int32 length, int32 code
					if (data.length - at < 8) {
						break;
					}
					int length = int32(data, at);
					if (data.length - at < length) {
						break;
					}
					int code = int32(data, at + 4);
					if (code == 80877103 || code == 80877104) { // SSLRequest, GSSENCRequest: one byte back
						connection.rawBytesExpected++;
					}
					else {
						startup = false; // the StartupMessage
					}
					at += length;
					continue;
				}
				if (data.length - at < 5) {
					break;
				}
				int length = int32(data, at + 1);
				if (data.length - at < 1 + length) {
					break;
				}
				message((char) data[at], data, at + 5, at + 1 + length);
				at += 1 + length;
			}
			pending = java.util.Arrays.copyOfRange(data, at, data.length);
		}

		void message(char type, byte[] data, int from, int to) {
			if (fromClient) {
				connection.sent(type);
				switch (type) {
					case 'P' -> { // Parse: name, query
						int end = zero(data, from);
						String name = text(data, from, end);
						int queryEnd = zero(data, end + 1);
						connection.parsed(name, text(data, end + 1, queryEnd));
					}
					case 'B' -> { // Bind: portal, statement
						int end = zero(data, from);
						String portal = text(data, from, end);
						int statementEnd = zero(data, end + 1);
						connection.bound(portal, text(data, end + 1, statementEnd));
					}
					case 'E' -> connection.execute(text(data, from, zero(data, from)));
					case 'Q' -> connection.query(text(data, from, zero(data, from)));
					default -> {
					}
				}
			}
			else {
				switch (type) {
					case 'C' -> connection.tag(text(data, from, zero(data, from)));
					case 'I' -> connection.tag("EMPTY");
					case 'E' -> connection.tag("ERROR");
					case 'Z' -> connection.ready((char) data[from]);
					default -> {
					}
				}
			}
		}

		static int zero(byte[] data, int from) {
			int i = from;
			while (i < data.length && data[i] != 0) {
				i++;
			}
			return i;
		}

		static String text(byte[] data, int from, int to) {
			return new String(data, from, Math.max(0, to - from), StandardCharsets.UTF_8);
		}

		static int int32(byte[] data, int at) {
			return ((data[at] & 0xff) << 24) | ((data[at + 1] & 0xff) << 16) | ((data[at + 2] & 0xff) << 8)
					| (data[at + 3] & 0xff);
		}
	}

	// ------------------------------------------------------------------------------------- report

	/** One round trip as logged. */
	record RoundTrip(int connection, char status, List<String> tags, String statements) {

		int statementCount() {
			return (int) tags.stream().filter(tag -> !tag.equals("EMPTY")).count();
		}

		/** Changed rows; a data-modifying {@code WITH} answers {@code SELECT n} for the rows it returned. */
		boolean wrote() {
			return tags.stream().anyMatch(PgWireCount::changedRows) || (MODIFYING_WITH.matcher(statements).find()
					&& tags.stream().anyMatch(tag -> tag.matches("SELECT [1-9]\\d*")));
		}
	}

	static final Pattern MODIFYING_WITH = Pattern.compile("^WITH .*\\b(UPDATE|INSERT|DELETE)\\b", Pattern.CASE_INSENSITIVE);

	static boolean changedRows(String tag) {
		Matcher m = Pattern.compile("^(INSERT \\d+|UPDATE|DELETE|MERGE) (\\d+)$").matcher(tag);
		return m.matches() && Long.parseLong(m.group(2)) > 0;
	}

	/**
	 * The steps of a placed order, first match wins, judged on a whole transaction's statements (an
	 * autocommitted statement is a transaction of its own). Everything else is background work of the
	 * instance (heartbeat, resubmission, backlog gauges, pool validation, empty polls): not per order.
	 * The listener's insert may record the email already claimed ({@code SENDING}, ADR 0043): its
	 * transaction is the listener's step (it matches first), and it is no empty poll (its status is no
	 * {@code SET status = 'SENDING'}, and it writes). A step with no round trip is left out of the table.
	 */
	static final List<Map.Entry<String, Pattern>> STEPS = List.of(
			Map.entry("1 request (key, order, lines, outbox, response)", Pattern.compile("INSERT INTO \"?orders\"?\\.\"?orders\"?", Pattern.CASE_INSENSITIVE)),
			Map.entry("2 publication marked processing", Pattern.compile("UPDATE EVENT_PUBLICATION SET STATUS = 'PROCESSING'", Pattern.CASE_INSENSITIVE)),
			Map.entry("3 listener: in-app + email notification (the email claimed when a sender is free)", Pattern.compile("INSERT INTO notifications\\.notifications", Pattern.CASE_INSENSITIVE)),
			Map.entry("4 listener: webhooks deliveries", Pattern.compile("INSERT INTO webhooks\\.deliveries", Pattern.CASE_INSENSITIVE)),
			Map.entry("5 publication completed", Pattern.compile("(DELETE FROM EVENT_PUBLICATION WHERE ID|UPDATE EVENT_PUBLICATION SET (STATUS = 'COMPLETED'|COMPLETION_DATE))", Pattern.CASE_INSENSITIVE)),
			Map.entry("6 email claim by the dispatcher's poll (no sender was free; and what it reads to send)", Pattern.compile("SET status = 'SENDING'|FROM notifications\\.recipients WHERE user_id|SELECT traceparent FROM notifications", Pattern.CASE_INSENSITIVE)),
			Map.entry("7 email completion (sent)", Pattern.compile("SET status = 'SENT'", Pattern.CASE_INSENSITIVE)));

	static void report(Path log, int orders, Path serverLog, String database) throws IOException {
		Map<Integer, List<RoundTrip>> open = new HashMap<>();
		Map<String, long[]> steps = new LinkedHashMap<>(); // statements, round trips, commits (writing), read-only commits
		STEPS.forEach(step -> steps.put(step.getKey(), new long[4]));
		long[] background = new long[4];
		long transactions = 0;
		long emptyPolls = 0;
		for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
			String[] f = line.split("\t", -1);
			if (f.length < 5) {
				continue;
			}
			RoundTrip trip = new RoundTrip(Integer.parseInt(f[0]), f[2].charAt(0),
					f[3].isEmpty() ? List.of() : List.of(f[3].split("\\|")), f[4]);
			List<RoundTrip> transaction = open.computeIfAbsent(trip.connection(), c -> new ArrayList<>());
			transaction.add(trip);
			if (trip.status() != 'I') {
				continue; // the transaction goes on
			}
			open.remove(trip.connection());
			boolean ran = transaction.stream().anyMatch(t -> t.statementCount() > 0);
			boolean rolledBack = transaction.stream().flatMap(t -> t.tags().stream())
				.anyMatch(tag -> tag.equals("ROLLBACK") || tag.equals("ERROR"));
			boolean wrote = transaction.stream().anyMatch(RoundTrip::wrote);
			String statements = String.join(" ;; ", transaction.stream().map(RoundTrip::statements).toList());
			long[] into = background;
			boolean emptyPoll = statements.contains("SET status = 'SENDING'") && !wrote;
			if (emptyPoll) {
				emptyPolls++;
			}
			if (!emptyPoll) {
				for (var step : STEPS) {
					if (step.getValue().matcher(statements).find()) {
						into = steps.get(step.getKey());
						break;
					}
				}
			}
			if (ran) {
				transactions++;
			}
			into[0] += transaction.stream().mapToInt(RoundTrip::statementCount).sum();
			into[1] += transaction.size();
			if (ran && !rolledBack) {
				into[wrote ? 2 : 3]++;
			}
		}
		System.out.println("| step | statements | round trips | commits | read-only commits |");
		System.out.println("|---|---:|---:|---:|---:|");
		long[] total = new long[4];
		steps.forEach((step, c) -> {
			if (c[1] == 0) {
				return;
			}
			for (int i = 0; i < 4; i++) {
				total[i] += c[i];
			}
			System.out.printf("| %s | %s | %s | %s | %s |%n", step.substring(2), per(c[0], orders), per(c[1], orders),
					per(c[2], orders), per(c[3], orders));
		});
		System.out.printf("| **per order** | **%s** | **%s** | **%s** | %s |%n", per(total[0], orders), per(total[1], orders),
				per(total[2], orders), per(total[3], orders));
		System.out.printf("%nbackground in the same window (not per order; heartbeat, resubmitter, gauges, polls, pool validation): "
				+ "%d statements, %d round trips, %d commits, %d read-only%n", background[0], background[1], background[2], background[3]);
		System.out.printf("transactions seen on the wire: %d%n", transactions);
		if (serverLog != null) {
			serverLogReport(serverLog, database, orders, emptyPolls, steps);
		}
	}

	/**
	 * The same steps from PostgreSQL's own statement log: statements per backend process, grouped into
	 * transactions ({@code BEGIN} … {@code COMMIT}/{@code ROLLBACK}, else one statement). The log does not
	 * say whether a claim found an email, so the claims the wire saw come back empty are left out.
	 */
	static void serverLogReport(Path serverLog, String database, int orders, long emptyPolls, Map<String, long[]> wire)
			throws IOException {
		Pattern entry = Pattern.compile("^\\S+ \\S+ \\S+ \\[(\\d+)\\] \\S*@" + Pattern.quote(database)
				+ " LOG:  (?:statement|execute [^:]*): (.*)$");
		Map<String, StringBuilder> open = new HashMap<>();
		Map<String, long[]> steps = new LinkedHashMap<>(); // statements, transactions
		STEPS.forEach(step -> steps.put(step.getKey(), new long[2]));
		long[] background = new long[2];
		List<String[]> statements = new ArrayList<>();
		String[] last = null;
		for (String line : Files.readAllLines(serverLog, StandardCharsets.UTF_8)) {
			Matcher m = entry.matcher(line);
			if (m.matches()) {
				last = new String[] { m.group(1), m.group(2) };
				statements.add(last);
			}
			else if (line.startsWith("\t") && last != null) {
				last[1] = last[1] + " " + line.strip();
			}
			else {
				last = null;
			}
		}
		Map<String, Integer> counts = new HashMap<>();
		for (String[] statement : statements) {
			String pid = statement[0];
			String sql = statement[1].replaceAll("\\s+", " ").strip();
			String verb = sql.toUpperCase();
			StringBuilder transaction = open.get(pid);
			if (transaction == null) {
				transaction = new StringBuilder();
			}
			transaction.append(sql).append(" ;; ");
			counts.merge(pid, 1, Integer::sum);
			if (verb.startsWith("BEGIN")) {
				open.put(pid, transaction);
				continue;
			}
			if (open.containsKey(pid) && !(verb.startsWith("COMMIT") || verb.startsWith("ROLLBACK"))) {
				continue;
			}
			open.remove(pid);
			String text = transaction.toString();
			long[] into = background;
			for (var step : STEPS) {
				if (step.getValue().matcher(text).find()) {
					into = steps.get(step.getKey());
					break;
				}
			}
			into[0] += counts.remove(pid);
			into[1]++;
		}
		long[] claims = steps.get(STEPS.get(5).getKey());
		claims[0] -= emptyPolls;
		claims[1] -= emptyPolls;
		System.out.printf("%nThe same window in PostgreSQL's statement log (per order):%n%n");
		System.out.println("| step | statements (log) | statements (wire) | transactions (log) |");
		System.out.println("|---|---:|---:|---:|");
		long[] total = new long[3];
		steps.forEach((step, c) -> {
			long onWire = wire.get(step)[0];
			if (c[0] == 0 && onWire == 0) {
				return;
			}
			total[0] += c[0];
			total[1] += onWire;
			total[2] += c[1];
			System.out.printf("| %s | %s | %s | %s |%n", step.substring(2), per(c[0], orders), per(onWire, orders), per(c[1], orders));
		});
		System.out.printf("| **per order** | **%s** | **%s** | **%s** |%n", per(total[0], orders), per(total[1], orders),
				per(total[2], orders));
		System.out.printf("%nstatements logged in the window: %d (%d of them background), empty claims left out: %d; %s%n",
				statements.size(), background[0], emptyPolls,
				total[0] == total[1] ? "the log and the wire agree on every per-order statement" : "THE LOG AND THE WIRE DISAGREE");
	}

	static String per(long count, int orders) {
		double value = (double) count / orders;
		return value == Math.rint(value) ? String.valueOf((long) value) : String.format("%.2f", value);
	}
}
