package dev.orderly.platform.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

import dev.orderly.platform.StorableTimes;

/**
 * A keyset position in a list ordered by {@code (created_at DESC, id DESC)}: the next page is
 * {@code WHERE (created_at, id) < (:createdAt, :id)}, which an index answers at the same cost on
 * page 1 and page 10,000. On the wire it is an opaque base64url token.
 */
public record Cursor(Instant createdAt, UUID id) {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	/** Our tokens are about 75 characters; anything much longer was not made by us. */
	private static final int MAX_TOKEN_LENGTH = 128;

	public Cursor {
		createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
	}

	public String encode() {
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
		return ENCODER.encodeToString((micros + "~" + id).getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Decodes a token from {@code ?cursor=}; {@code null} or blank means "first page".
	 * Its time must lie within years 1 to 9999, so that no crafted token reaches PostgreSQL as
	 * "timestamp out of range".
	 * @throws InvalidCursor when the token was not made by us
	 */
	public static Cursor decode(String token) {
		if (token == null || token.isBlank()) {
			return null;
		}
		try {
			if (token.length() > MAX_TOKEN_LENGTH) {
				throw invalid();
			}
			String raw = new String(DECODER.decode(token), StandardCharsets.US_ASCII);
			int separator = raw.indexOf('~');
			long micros = Long.parseLong(raw.substring(0, separator));
			Instant createdAt = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
			if (!StorableTimes.storable(createdAt)) {
				throw invalid();
			}
			return new Cursor(createdAt, UUID.fromString(raw.substring(separator + 1)));
		}
		catch (RuntimeException ex) {
			throw invalid();
		}
	}

	private static InvalidCursor invalid() {
		return new InvalidCursor();
	}
}
