package dev.orderly.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.platform.web.ApiResponse;

/**
 * Places an order at most once per {@code Idempotency-Key}. The key is locked, the order placed and
 * the response stored in one transaction ({@link IdempotencyKeys}); the response is rendered to JSON
 * once, and that same text is what the first call and every replay return — so a replay is
 * byte-for-byte the original response.
 * <p>
 * The request hash is SHA-256 of the target user id and the canonical JSON of the parsed body
 * (property order, whitespace and absent-versus-null do not matter).
 */
@Component
class IdempotentOrderPlacement {

	/** A placement's response: status, the JSON text, the order it created, whether it is a replay. */
	record Placed(int status, String body, UUID orderId, boolean replayed) {
	}

	private final OrderManagement orders;

	private final IdempotencyKeys keys;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	IdempotentOrderPlacement(OrderManagement orders, IdempotencyKeys keys, TransactionTemplate transactions,
			JsonMapper json) {
		this.orders = orders;
		this.keys = keys;
		this.transactions = transactions;
		this.json = json;
	}

	Placed place(UUID callerId, UUID ownerId, String idempotencyKey, OrderRequests.OrderRequest request) {
		if (idempotencyKey == null) {
			Order order = orders.place(ownerId, request);
			return new Placed(HttpStatus.CREATED.value(), render(order), order.id(), false);
		}
		IdempotencyKeys.requireValidFormat(idempotencyKey);
		String requestHash = hash(ownerId, request);
		// One transaction for the key, the order and its event publications: a failure or a crash
		// rolls all of them back, and the key is free again at that moment.
		return transactions.execute(status -> keys.lockOrReplay(callerId, idempotencyKey, requestHash)
			.map(stored -> new Placed(stored.status(), stored.body(), stored.orderId(), true))
			.orElseGet(() -> {
				Order order = orders.place(ownerId, request);
				String body = render(order);
				keys.record(callerId, idempotencyKey, requestHash, HttpStatus.CREATED.value(), body, order.id());
				return new Placed(HttpStatus.CREATED.value(), body, order.id(), false);
			}));
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
