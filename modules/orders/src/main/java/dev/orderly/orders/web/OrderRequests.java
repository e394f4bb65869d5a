package dev.orderly.orders.web;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.orderly.orders.application.OrderAmendment;
import dev.orderly.orders.application.OrderDraft;
import dev.orderly.orders.domain.ExpectedVersion;
import dev.orderly.orders.domain.Pricing;
import dev.orderly.orders.domain.ShippingAddress;
import dev.orderly.platform.web.ApiException;

/**
 * The request bodies and preconditions of the orders API. There is no price anywhere: the server
 * prices.
 */
final class OrderRequests {

	/** An order's strong ETag as {@link OrderController} sends it: its version in quotes, no leading zeros. */
	private static final java.util.regex.Pattern ETAG = java.util.regex.Pattern.compile("\"(0|[1-9][0-9]{0,17})\"");

	private OrderRequests() {
	}

	/**
	 * The versions an optional {@code If-Match} header accepts. Absent: any ({@link ExpectedVersion#ANY}).
	 * Present: {@code *} (any), or the listed ETags by strong comparison — a tag that is not one of
	 * ours (weak, malformed) matches no version, so a header of only such tags always fails (412).
	 */
	static ExpectedVersion ifMatch(String header) {
		if (header == null) {
			return ExpectedVersion.ANY;
		}
		Set<Long> versions = new HashSet<>();
		for (String tag : header.split(",")) {
			String trimmed = tag.trim();
			if (trimmed.equals("*")) {
				return ExpectedVersion.ANY;
			}
			Matcher etag = ETAG.matcher(trimmed);
			if (etag.matches()) {
				versions.add(Long.parseLong(etag.group(1)));
			}
		}
		return new ExpectedVersion(versions);
	}

	/** {@code POST /orders} and {@code PUT /orders/{id}}: the whole order as the client wants it. */
	record OrderRequest(
			@NotNull @Size(min = 1, max = Pricing.MAX_LINES) List<@NotNull @Valid Item> items,
			@NotNull @Valid ShippingAddress shippingAddress,
			@Size(max = 500) String note) {

		/** The order in the use case's terms. */
		OrderDraft draft() {
			return new OrderDraft(items.stream().map(item -> new OrderDraft.Line(item.sku(), item.quantity())).toList(),
					shippingAddress, note);
		}
	}

	record Item(@NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") @Schema(maxLength = 64) String sku,
			@NotNull @Min(1) @Max(Pricing.MAX_QUANTITY) Integer quantity) {
	}

	/**
	 * {@code PATCH /orders/{id}}: absent or {@code null} fields stay as they are; an empty
	 * {@code note} removes the note. Items cannot be patched (use PUT).
	 */
	record OrderPatch(@Valid ShippingAddress shippingAddress, @Size(max = 500) String note) {

		OrderAmendment amendment() {
			return new OrderAmendment(shippingAddress, note);
		}
	}

	record CancelRequest(@Size(max = 500) String reason) {
	}

	record ShipRequest(@NotBlank @Size(max = 100) String trackingNumber) {
	}
}
