package dev.orderly.audit.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an audit entry records, named as the log lines of the same actions are (docs/ops/README.md).
 */
public enum AuditAction {

	/** An administrator changed a user's roles (before and after: the roles). */
	USER_ROLES_CHANGED("user.roles_changed", "user"),

	/** A user's account was deleted, by its owner or an administrator. */
	USER_DELETED("user.deleted", "user"),

	/** The application created the first administrator at start-up (actor: the system). */
	FIRST_ADMIN_CREATED("user.first_admin_created", "user"),

	/** An administrator added a product to the price list (after: the product). */
	PRODUCT_CREATED("product.created", "product"),

	/** An administrator changed or deactivated a product (before and after: the product). */
	PRODUCT_CHANGED("product.changed", "product"),

	/** A used refresh token was presented again and its session revoked (actor: unknown). */
	REFRESH_TOKEN_REUSED("auth.refresh_token_reused", "user");

	private final String wireName;

	private final String targetType;

	AuditAction(String wireName, String targetType) {
		this.wireName = wireName;
		this.targetType = targetType;
	}

	public String wireName() {
		return wireName;
	}

	/** What the target id names: {@code user} (a user id) or {@code product} (a sku). */
	public String targetType() {
		return targetType;
	}

	public static Optional<AuditAction> fromWire(String name) {
		return Arrays.stream(values()).filter(action -> action.wireName.equals(name)).findFirst();
	}

	public static List<String> wireNames() {
		return Arrays.stream(values()).map(AuditAction::wireName).toList();
	}
}
