package dev.orderly.notifications.application;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.modulith.events.ApplicationModuleListener;

import dev.orderly.auth.events.PasswordResetRequested;
import dev.orderly.notifications.NotificationProperties;
import dev.orderly.notifications.NotificationsFixture;
import dev.orderly.notifications.domain.AdministratorNotice;
import dev.orderly.notifications.domain.Notice;
import dev.orderly.notifications.domain.Notification.Channel;
import dev.orderly.notifications.domain.NotificationKind;
import dev.orderly.notifications.domain.RecipientUpdate;
import dev.orderly.notifications.domain.TemplateModel;
import dev.orderly.notifications.events.AdministratorNoticeRequested;
import dev.orderly.orders.events.OrderCancelled;
import dev.orderly.orders.events.OrderShipped;
import dev.orderly.platform.Digests;
import dev.orderly.users.events.DuplicateRegistrationAttempted;
import dev.orderly.users.events.PasswordChanged;
import dev.orderly.users.events.UserDeleted;
import dev.orderly.users.events.UserEmailVerified;
import dev.orderly.users.events.UserRegistered;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table of what events mean: complete for every consumed event type, and — since rows stored by
 * earlier versions must still be sent and redelivered events must still be recognised — producing
 * the very {@code params} and dedup keys that the hand-written listeners stored before it.
 */
class NotificationRulesTests {

	static final NotificationProperties PROPERTIES = new NotificationProperties("https://shop.example.test",
			"Orderly <no-reply@orderly.local>", "orderly.local", new NotificationProperties.Dispatch(Duration.ofSeconds(1),
					Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(10), 5, Duration.ofHours(1), 1));

	final NotificationRules rules = new NotificationRules(new NotificationLinks(PROPERTIES));

	final UUID userId = UUID.fromString("0190c3a4-0000-7000-8000-00000000000a");

	final UUID orderId = UUID.fromString("0190c3a4-0000-7000-8000-00000000000b");

	final Instant at = Instant.parse("2026-11-25T10:40:12.345Z");

	@Test
	void hasOneEntryForEachEventTypeTheIntakeNamesAndAListenerForEach() {
		assertThat(rules.eventTypes()).containsExactlyElementsOf(NotificationIntake.EVENT_TYPES);
		assertThat(Arrays.stream(NotificationListeners.class.getDeclaredMethods())
			.filter(method -> method.isAnnotationPresent(ApplicationModuleListener.class))
			.map(method -> method.getParameterTypes()[0]))
			.containsExactlyInAnyOrderElementsOf(NotificationIntake.EVENT_TYPES);
		assertThat(Arrays.stream(NotificationListeners.class.getDeclaredMethods()).map(Method::getName))
			.as("listener ids in the event publication registry").containsOnly("on");
	}

	@Test
	void pinsANoticeForEveryAdministratorClippedToItsBounds() {
		UUID noticeId = UUID.randomUUID();
		NotificationRules.Meaning meaning = meaningOf(new AdministratorNoticeRequested(
				noticeId, "webhooks", "WARNING", "  Webhook endpoint disabled  ", "x".repeat(5000), null, at));
		assertThat(meaning.recipient()).isEmpty();
		assertThat(meaning.notice()).as("addressed to no user").isEmpty();
		AdministratorNotice notice = meaning.administrators().orElseThrow();
		assertThat(notice.id()).isEqualTo(noticeId);
		assertThat(notice.at()).isEqualTo(at);
		assertThat(notice.model().title()).isEqualTo("Webhook endpoint disabled");
		assertThat(notice.model().message()).hasSize(AdministratorNotice.MAX_MESSAGE)
			.endsWith("…");
		assertThat(notice.model().link()).isEmpty();
		assertThat(notice.model().source()).isEqualTo("webhooks");
	}

	@Test
	void consumesNothingElse() {
		assertThat(rules.meaningOf("an event of nobody")).isEmpty();
	}

	@Test
	void welcomesANewUserAtTheAddressOfTheEvent() {
		NotificationRules.Meaning meaning = meaningOf(new UserRegistered(userId, "ada@example.test", "Ada", "fr", at));
		assertThat(meaning.recipient()).contains(RecipientUpdate.of(userId).email("ada@example.test")
			.displayName("Ada").locale("fr").asOf(at));
		Notice notice = meaning.notice().orElseThrow();
		assertThat(notice.channels()).containsExactly(Channel.EMAIL);
		assertThat(notice.address()).isEqualTo("ada@example.test");
		assertThat(notice.model().params()).isEqualTo(Map.of("displayName", "Ada"));
		assertThat(notice.dedupKey(Channel.EMAIL)).isEqualTo("EMAIL:WELCOME:" + userId);
		assertThat(notice.at()).isEqualTo(at);
	}

	@Test
	void tellsOfARegistrationAttemptAtMostOncePerHour() {
		Notice notice = meaningOf(new DuplicateRegistrationAttempted(userId, "ada@example.test", "Ada", "en", at))
			.notice().orElseThrow();
		assertThat(notice.model().params())
			.isEqualTo(Map.of("displayName", "Ada", "attemptedAt", "2026-11-25T10:40:12.345Z"));
		assertThat(notice.dedupKey(Channel.EMAIL))
			.isEqualTo("EMAIL:DUPLICATE_REGISTRATION:" + userId + ":2026-11-25T10:00:00Z");
	}

	@Test
	void keepsATokenOutOfTheModelAndOutOfTheDedupKey() {
		String token = "reset-token-42";
		NotificationRules.Meaning meaning = meaningOf(
				new PasswordResetRequested(userId, "ada@example.test", "Ada", token, at));
		assertThat(meaning.recipient().orElseThrow().sourceAt()).as("no time of its own").isEqualTo(Instant.EPOCH);
		Notice notice = meaning.notice().orElseThrow();
		assertThat(notice.token()).isEqualTo(token);
		assertThat(notice.model().params()).isEqualTo(Map.of("displayName", "Ada", "expiresAt", at.toString()));
		assertThat(notice.dedupKey(Channel.EMAIL))
			.isEqualTo("EMAIL:PASSWORD_RESET:" + userId + ":" + Digests.sha256Hex(token));
		assertThat(notice.at()).as("counted from receipt").isNull();
	}

	@Test
	void warnsOfAChangedPasswordOncePerChange() {
		Notice notice = meaningOf(new PasswordChanged(userId, "ada@example.test", "Ada", at)).notice().orElseThrow();
		assertThat(notice.dedupKey(Channel.EMAIL)).isEqualTo("EMAIL:PASSWORD_CHANGED:" + userId + ":" + at);
	}

	@Test
	void notifiesOfAnOrderByEmailAndInTheAppWithTheOrderLink() {
		Notice placed = meaningOf(NotificationsFixture.threeTeas(orderId, userId)).notice().orElseThrow();
		assertThat(placed.channels()).containsExactlyInAnyOrder(Channel.EMAIL, Channel.IN_APP);
		assertThat(placed.userId()).isEqualTo(userId);
		assertThat(placed.address()).as("looked up when sent").isNull();
		assertThat(placed.model().params()).isEqualTo(Map.of("orderId", orderId.toString(), "total", "13.50 EUR",
				"itemCount", "3", "link", "https://shop.example.test/orders/" + orderId));
		assertThat(placed.dedupKey(Channel.IN_APP)).isEqualTo("IN_APP:ORDER_PLACED:" + orderId);

		assertThat(meaningOf(new OrderCancelled(orderId, userId, "Changed my mind", 999, "JPY", at)).notice()
			.orElseThrow().model().params()).isEqualTo(Map.of("orderId", orderId.toString(), "reason",
					"Changed my mind", "total", "999 JPY", "link", "https://shop.example.test/orders/" + orderId));
		assertThat(meaningOf(new OrderShipped(orderId, userId, "TRACK-1", at)).recipient()).isEmpty();
	}

	@Test
	void onlyUpdatesTheRecipientOfVerifiedAndDeletedUsers() {
		assertThat(meaningOf(new UserEmailVerified(userId, "new@example.test", at)))
			.isEqualTo(new NotificationRules.Meaning(
					Optional.of(RecipientUpdate.of(userId).email("new@example.test").asOf(at)),
					Optional.empty()));
		assertThat(meaningOf(new UserDeleted(userId, at)).recipient()).contains(RecipientUpdate.deleted(userId, at));
	}

	@ParameterizedTest
	@EnumSource(NotificationKind.class)
	void readsEveryModelBackFromItsStoredParams(NotificationKind kind) {
		TemplateModel model = NotificationsFixture.exampleOf(kind);
		assertThat(model.kind()).isEqualTo(kind);
		assertThat(TemplateModel.of(kind, model.params())).isEqualTo(model);
	}

	@Test
	void readsAStoredRowWithAParameterItsModelDoesNotKnow() {
		assertThat(TemplateModel.of(NotificationKind.ORDER_DELIVERED,
				Map.of("orderId", orderId.toString(), "link", "https://x.test/", "legacy", "kept")))
			.isEqualTo(new TemplateModel.OrderDeliveredModel(orderId, "https://x.test/"));
	}

	@Test
	void linksEachKindAsBefore() {
		NotificationLinks links = new NotificationLinks(PROPERTIES);
		assertThat(links.linkFor(NotificationsFixture.exampleOf(NotificationKind.EMAIL_VERIFICATION), userId, "t1"))
			.isEqualTo("https://shop.example.test/verify-email?userId=" + userId + "&token=t1");
		assertThat(links.linkFor(NotificationsFixture.exampleOf(NotificationKind.PASSWORD_RESET), userId, "abc"))
			.isEqualTo("https://shop.example.test/reset-password?token=abc");
		assertThat(Set.of(NotificationKind.PASSWORD_CHANGED, NotificationKind.DUPLICATE_REGISTRATION))
			.allSatisfy(kind -> assertThat(links.linkFor(NotificationsFixture.exampleOf(kind), userId, null))
				.isEqualTo("https://shop.example.test/password-reset"));
		assertThat(links.linkFor(NotificationsFixture.exampleOf(NotificationKind.WELCOME), userId, null))
			.isEqualTo("https://shop.example.test/");
		TemplateModel.OrderModel order = (TemplateModel.OrderModel) NotificationsFixture
			.exampleOf(NotificationKind.ORDER_SHIPPED);
		assertThat(links.linkFor(order, userId, null)).isEqualTo("https://shop.example.test/orders/" + order.orderId());
	}

	private NotificationRules.Meaning meaningOf(Object event) {
		return rules.meaningOf(event).orElseThrow();
	}
}
