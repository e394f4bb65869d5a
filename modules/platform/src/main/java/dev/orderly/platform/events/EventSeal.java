package dev.orderly.platform.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * What makes an integration event on the broker trustworthy and keeps its secrets (docs/adr/0034).
 * One secret, shared by the publishing instances and the consuming module's instances only
 * ({@code orderly.split.event-key}, {@code ORDERLY_SPLIT_EVENT_KEY}: at least 32 random bytes,
 * base64), gives two keys:
 * <ul>
 * <li><b>Sealing</b> ({@link #seal}, the publisher): the secret fields of the data ({@code token} —
 * reset and verification tokens) are encrypted with AES-256-GCM (the type as associated data), so
 * that whoever reads a queue, the management UI or a dead-letter queue learns nothing usable; then the
 * message is signed with HMAC-SHA256 over type, timestamp and body. The message's time to live is the
 * token's remaining lifetime when it has one ({@code expiresAt}), else {@link #MESSAGE_TTL}.</li>
 * <li><b>Opening</b> ({@link #open}, the consumer): the routing key must equal the envelope's type;
 * the signature must verify (constant time); the timestamp must lie within the replay window
 * ({@link #MESSAGE_TTL} back, {@link #FUTURE_SKEW} ahead; within it, a replay is absorbed by the
 * consumer's idempotency); every string of the data passes the rules of HTTP input (the text rule
 * the edge wires in, {@code UntrustedText}, and at most {@link #MAX_STRING} characters); no timestamp ({@code ...At})
 * lies in the future beyond the skew (an {@code expiresAt} at most {@link #MAX_EXPIRY} ahead);
 * secret fields must arrive encrypted and are decrypted. Anything else is {@link Refused}.</li>
 * </ul>
 */
public final class EventSeal {

	/** The publisher's clock at sealing, epoch milliseconds. */
	public static final String TIMESTAMP_HEADER = "x-orderly-timestamp";

	/** {@code v1,} + base64 HMAC-SHA256 of {@code type \n timestamp \n body}. */
	public static final String SIGNATURE_HEADER = "x-orderly-signature";

	/** The longest an event may wait on the broker, and how far back a timestamp is accepted. */
	public static final Duration MESSAGE_TTL = Duration.ofHours(24);

	/** How far in the future a timestamp may lie (clocks of two hosts). */
	public static final Duration FUTURE_SKEW = Duration.ofMinutes(1);

	/** The furthest an {@code expiresAt} may lie ahead. */
	public static final Duration MAX_EXPIRY = Duration.ofDays(7);

	/** The longest string accepted in an event's data. */
	public static final int MAX_STRING = 2000;

	/** Fields of the data that are secrets: never on the broker in clear. */
	public static final Set<String> SECRET_FIELDS = Set.of("token");

	/**
	 * What a secret field's value starts with on the broker: then base64url (no padding) of a 12-byte
	 * nonce followed by the AES-256-GCM cipher text and its 16-byte tag, the type as associated data.
	 */
	public static final String ENCRYPTED_PREFIX = "enc:v1:";

	private static final int MIN_SECRET_BYTES = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec signing;

	private final SecretKeySpec encryption;

	private final JsonMapper json;

	private final Clock clock;

	/** What is wrong with a text, or {@code null}: the rule of HTTP input, given by the edge. */
	private final Function<CharSequence, String> textRule;

	/**
	 * @param secret at least 32 random bytes
	 * @param textRule what is wrong with a string of the data, or {@code null} when it is acceptable
	 * ({@code UntrustedText::problem}: the rule of HTTP input)
	 */
	public EventSeal(byte[] secret, JsonMapper json, Clock clock, Function<CharSequence, String> textRule) {
		if (secret == null || secret.length < MIN_SECRET_BYTES) {
			throw new IllegalStateException("The integration event key (orderly.split.event-key, ORDERLY_SPLIT_EVENT_KEY) "
					+ "must be at least " + MIN_SECRET_BYTES + " random bytes");
		}
		this.signing = new SecretKeySpec(derive(secret, "orderly integration events: signing"), "HmacSHA256");
		this.encryption = new SecretKeySpec(derive(secret, "orderly integration events: encryption"), "AES");
		this.json = json;
		this.clock = clock;
		this.textRule = textRule;
	}

	/**
	 * From the setting: base64 of at least 32 random bytes (e.g. {@code openssl rand -base64 32}).
	 * @throws IllegalStateException with what to set when it is missing or too short
	 */
	public static EventSeal fromSetting(String base64, JsonMapper json, Clock clock,
			Function<CharSequence, String> textRule) {
		if (base64 == null || base64.isBlank()) {
			throw new IllegalStateException("Split mode needs orderly.split.event-key (ORDERLY_SPLIT_EVENT_KEY): the same "
					+ "secret on every instance that publishes or consumes integration events, at least 32 random bytes "
					+ "in base64 (openssl rand -base64 32); it signs every event and encrypts its tokens (docs/adr/0034)");
		}
		try {
			return new EventSeal(Base64.getDecoder().decode(base64.strip()), json, clock, textRule);
		}
		catch (IllegalArgumentException notBase64) {
			throw new IllegalStateException("orderly.split.event-key (ORDERLY_SPLIT_EVENT_KEY) is not base64");
		}
	}

	/** A sealed event: the body to send, its headers' values and its time to live on the broker. */
	public record Sealed(byte[] body, long timestamp, String signature, Duration timeToLive) {
	}

	/** Why an event was refused; the message never contains a secret or the body. */
	public static final class Refused extends Exception {

		private static final long serialVersionUID = 1L;

		Refused(String reason) {
			super(reason, null, false, false);
		}
	}

	/** Seals the JSON envelope of an event of {@code type} ({@link IntegrationEvents#encode}). */
	public Sealed seal(String type, byte[] envelope) {
		JsonNode tree = json.readTree(envelope);
		JsonNode data = tree.get("data");
		Duration ttl = MESSAGE_TTL;
		if (data instanceof ObjectNode object) {
			for (String field : SECRET_FIELDS) {
				JsonNode value = object.get(field);
				if (value != null && value.isString()) {
					object.put(field, encrypt(value.asString(), type));
				}
			}
			JsonNode expiresAt = object.get("expiresAt");
			if (expiresAt != null && expiresAt.isString()) {
				Duration left = Duration.between(clock.instant(), Instant.parse(expiresAt.asString()));
				ttl = left.compareTo(ttl) < 0 ? (left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left) : ttl;
			}
		}
		byte[] body = json.writeValueAsBytes(tree);
		long timestamp = clock.millis();
		return new Sealed(body, timestamp, "v1," + Base64.getEncoder().encodeToString(mac(type, timestamp, body)), ttl);
	}

	/**
	 * Checks an event as received and returns its envelope with its secrets decrypted.
	 *
	 * @param routingKey the key it was published with
	 * @param body the body as received
	 * @param timestamp the {@link #TIMESTAMP_HEADER} value
	 * @param signature the {@link #SIGNATURE_HEADER} value
	 * @throws Refused if anything does not hold
	 */
	public byte[] open(String routingKey, byte[] body, Object timestamp, Object signature) throws Refused {
		JsonNode tree;
		try {
			tree = json.readTree(body);
		}
		catch (RuntimeException ex) {
			throw new Refused("not a JSON envelope");
		}
		String type = tree.path("type").asString(null);
		if (type == null || !type.equals(routingKey)) {
			throw new Refused("the routing key does not match the envelope's type");
		}
		if (!(signature instanceof String text) || !text.startsWith("v1,")) {
			throw new Refused("no signature");
		}
		long sealedAt;
		try {
			sealedAt = Long.parseLong(String.valueOf(timestamp));
		}
		catch (NumberFormatException ex) {
			throw new Refused("no timestamp");
		}
		byte[] expected = mac(type, sealedAt, body);
		byte[] given;
		try {
			given = Base64.getDecoder().decode(text.substring(3));
		}
		catch (IllegalArgumentException ex) {
			throw new Refused("malformed signature");
		}
		if (!MessageDigest.isEqual(expected, given)) {
			throw new Refused("the signature does not verify");
		}
		Instant now = clock.instant();
		Instant sealed = Instant.ofEpochMilli(sealedAt);
		if (sealed.isBefore(now.minus(MESSAGE_TTL))) {
			throw new Refused("sealed before the replay window");
		}
		if (sealed.isAfter(now.plus(FUTURE_SKEW))) {
			throw new Refused("sealed in the future");
		}
		JsonNode data = tree.get("data");
		if (!(data instanceof ObjectNode object)) {
			throw new Refused("no data");
		}
		check(object, "data", now);
		for (String field : SECRET_FIELDS) {
			JsonNode value = object.get(field);
			if (value != null && !value.isNull()) {
				if (!value.isString() || !value.asString().startsWith(ENCRYPTED_PREFIX)) {
					throw new Refused("secret field " + field + " is not encrypted");
				}
				object.set(field, StringNode.valueOf(decrypt(value.asString(), type)));
			}
		}
		return json.writeValueAsBytes(tree);
	}

	/** The rules of HTTP input, and no timestamps from the future, on every value of the data. */
	private void check(JsonNode node, String path, Instant now) throws Refused {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				check(property.getKey(), path, now);
				check(property.getValue(), path + "." + property.getKey(), now);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				check(node.get(i), path + "[" + i + "]", now);
			}
		}
		else if (node.isString()) {
			String value = node.asString();
			check(value, path, now);
			if (path.endsWith("At")) {
				Instant at;
				try {
					at = Instant.parse(value);
				}
				catch (DateTimeParseException ex) {
					throw new Refused(path + " is not a timestamp");
				}
				Duration ahead = path.endsWith(".expiresAt") ? MAX_EXPIRY : FUTURE_SKEW;
				if (at.isAfter(now.plus(ahead))) {
					throw new Refused(path + " lies in the future");
				}
			}
		}
	}

	private void check(String text, String path, Instant now) throws Refused {
		if (text.length() > MAX_STRING) {
			throw new Refused(path + " is longer than " + MAX_STRING + " characters");
		}
		String problem = textRule.apply(text);
		if (problem != null) {
			throw new Refused(path + ": " + problem);
		}
	}

	private byte[] mac(String type, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(signing);
			mac.update((type + "\n" + timestamp + "\n").getBytes(StandardCharsets.UTF_8));
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String encrypt(String secret, String type) {
		try {
			byte[] iv = new byte[12];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, encryption, new GCMParameterSpec(128, iv));
			cipher.updateAAD(type.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[iv.length + sealed.length];
			System.arraycopy(iv, 0, out, 0, iv.length);
			System.arraycopy(sealed, 0, out, iv.length, sealed.length);
			return ENCRYPTED_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String decrypt(String value, String type) throws Refused {
		try {
			byte[] in = Base64.getUrlDecoder().decode(value.substring(ENCRYPTED_PREFIX.length()));
			if (in.length < 12 + 16) {
				throw new Refused("a secret field is malformed");
			}
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, encryption, new GCMParameterSpec(128, in, 0, 12));
			cipher.updateAAD(type.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			throw new Refused("a secret field does not decrypt");
		}
	}

	private static byte[] derive(byte[] secret, String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
