package dev.orderly.orders.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.orders.application.OrderManagement;
import dev.orderly.orders.application.OrderPolicy;
import dev.orderly.orders.domain.Order;
import dev.orderly.orders.domain.OrderView;
import dev.orderly.orders.persistence.IdempotencyKeys;
import dev.orderly.platform.Actor;
import dev.orderly.platform.web.ApiException;
import dev.orderly.platform.web.ApiResponse;

/**
 * The responses of {@code POST /orders}, at most one order per {@code Idempotency-Key}: part of the
 * web edge, because what it stores and replays is the HTTP response. The key is locked, the order
 * placed and the response stored in one transaction ({@link IdempotencyKeys}); the response is
 * rendered to JSON once, and that same text is what the first call and every replay return — so a
 * replay is byte-for-byte the original response.
 * <p>
 * The request hash is SHA-256 of the target user id and the canonical JSON of the parsed body
 * (property order, whitespace and absent-versus-null do not matter).
 */
@Component
class IdempotentOrderResponses {

	/** 1..255 printable ASCII characters, not only spaces. */
	private static final Pattern KEY_FORMAT = Pattern.compile("[\\x20-\\x7E]{1,255}");

	/** A placement's response: status, the JSON text, the order it created, whether it is a replay. */
	record Placed(int status, String body, UUID orderId, boolean replayed) {
	}

	private final OrderManagement orders;

	private final IdempotencyKeys keys;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	IdempotentOrderResponses(OrderManagement orders, IdempotencyKeys keys, TransactionTemplate transactions,
			JsonMapper json) {
		this.orders = orders;
		this.keys = keys;
		this.transactions = transactions;
		this.json = json;
	}

	/**
	 * Places an order for {@code ownerId}, or replays the response stored for the actor's key. Who
	 * may place for whom is checked first, before the key is looked at, so that another user's id is
	 * answered alike whatever the key.
	 */
	Placed place(Actor actor, UUID ownerId, String idempotencyKey, OrderRequests.OrderRequest request) {
		OrderPolicy.requireMayPlaceFor(actor, ownerId);
		if (idempotencyKey == null) {
			Order order = orders.place(actor, ownerId, request.draft());
			return new Placed(HttpStatus.CREATED.value(), render(order), order.id(), false);
		}
		requireValidFormat(idempotencyKey);
		String requestHash = hash(ownerId, request);
		// One transaction for the key, the order and its event publications: a failure or a crash
		// rolls all of them back, and the key is free again at that moment.
		return transactions.execute(status -> keys.lockOrReplay(actor.id(), idempotencyKey, requestHash)
			.map(stored -> new Placed(stored.status(), stored.body(), stored.orderId(), true))
			.orElseGet(() -> {
				Order order = orders.place(actor, ownerId, request.draft());
				String body = render(order);
				keys.record(actor.id(), idempotencyKey, requestHash, HttpStatus.CREATED.value(), body, order.id());
				return new Placed(HttpStatus.CREATED.value(), body, order.id(), false);
			}));
	}

	private static void requireValidFormat(String key) {
		if (!KEY_FORMAT.matcher(key).matches() || key.isBlank()) {
			throw ApiException.invalid("Idempotency-Key", "format",
					"Idempotency-Key must be 1 to 255 printable ASCII characters");
		}
	}

	private String render(Order order) {
		return json.writeValueAsString(ApiResponse.of(OrderView.of(order)));
	}

	String hash(UUID ownerId, OrderRequests.OrderRequest request) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update((ownerId + "\n").getBytes(StandardCharsets.UTF_8));
			sha256.update(json.writeValueAsBytes(request));
			return HexFormat.of().formatHex(sha256.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
