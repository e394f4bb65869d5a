package dev.orderly.webhooks.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The event types an endpoint can subscribe to, as they appear in the {@code type} of a delivery,
 * and {@code order.*} for all of them.
 */
public enum EventType {

	ORDER_PLACED("order.placed"), ORDER_CONFIRMED("order.confirmed"), ORDER_SHIPPED("order.shipped"),
	ORDER_DELIVERED("order.delivered"), ORDER_CANCELLED("order.cancelled");

	/** Subscribes to every order event, including ones added later. */
	public static final String ALL_ORDER_EVENTS = "order.*";

	private final String wireName;

	EventType(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return wireName;
	}

	/** What a subscription may name: every type and {@code order.*}. */
	public static List<String> subscribable() {
		List<String> names = new ArrayList<>(Arrays.stream(values()).map(EventType::wireName).toList());
		names.add(ALL_ORDER_EVENTS);
		return names;
	}

	/**
	 * The subscription as stored: the distinct names in the order given.
	 * @throws InvalidEventTypes when a name is not one of {@link #subscribable()}
	 */
	public static List<String> subscription(List<String> requested) {
		Set<String> names = new LinkedHashSet<>();
		List<String> known = subscribable();
		for (String name : requested) {
			if (!known.contains(name)) {
				throw new InvalidEventTypes(name);
			}
			names.add(name);
		}
		if (names.isEmpty()) {
			throw new InvalidEventTypes(null);
		}
		return List.copyOf(names);
	}
}
