package dev.orderly.notifications.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.notifications.NotificationsFixture;
import dev.orderly.notifications.TestSmtp;
import dev.orderly.notifications.WithNotificationsFixture;
import dev.orderly.notifications.events.AdministratorNoticeRequested;
import dev.orderly.orders.events.OrderConfirmed;
import dev.orderly.orders.events.OrderDelivered;
import dev.orderly.orders.events.OrderShipped;
import dev.orderly.platform.test.TestTokens;
import dev.orderly.users.events.UserRegistered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notifications API over real HTTP: in-app notifications for their owner (others get 404), and
 * the dead letters for administrators (users get 403).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@WithNotificationsFixture
class NotificationApiTests {

	static final Duration TIMEOUT = NotificationsFixture.TIMEOUT;

	@Autowired
	RestTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	NotificationsFixture fixture;

	final TestSmtp smtp = TestSmtp.SERVER;

	@Test
	void listsTheOwnersInAppNotificationsNewestFirstPageByPage() {
		UUID userId = UUID.randomUUID();
		UUID orderId = UUID.randomUUID();
		fixture.publish(new UserRegistered(userId, NotificationsFixture.unique("api"), "Api", "en", Instant.now()));
		fixture.publish(new OrderConfirmed(orderId, userId, 1000, "EUR", Instant.now()));
		fixture.awaitInApp(userId, 1);
		fixture.publish(new OrderShipped(orderId, userId, "TRACK-API", Instant.now()));
		fixture.awaitInApp(userId, 2);
		fixture.publish(new OrderDelivered(orderId, userId, Instant.now()));
		fixture.awaitInApp(userId, 3);

		get(tokens.bearer(userId, "USER"), "/api/v1/users/{id}/notifications?limit=2", userId)
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.length()").isEqualTo(2)
			.jsonPath("$.data[0].kind").isEqualTo("ORDER_DELIVERED")
			.jsonPath("$.data[1].kind").isEqualTo("ORDER_SHIPPED")
			.jsonPath("$.data[1].body").isEqualTo("Your order has shipped. Tracking number: TRACK-API")
			.jsonPath("$.data[1].data.orderId").isEqualTo(orderId.toString())
			.jsonPath("$.data[1].read").isEqualTo(false)
			.jsonPath("$.meta.limit").isEqualTo(2)
			.jsonPath("$.meta.nextCursor").isNotEmpty();
		String next = nextCursor(userId);
		get(tokens.bearer(userId, "USER"), "/api/v1/users/{id}/notifications?limit=2&cursor={c}", userId, next)
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.length()").isEqualTo(1)
			.jsonPath("$.data[0].kind").isEqualTo("ORDER_CONFIRMED")
			.jsonPath("$.meta.nextCursor").isEmpty();
	}

	@Test
	void showsANoticeForEveryAdministratorToEachAdministratorOnceAndToNobodyElse() {
		UUID noticeId = UUID.randomUUID();
		String link = "/api/v1/webhook-endpoints/" + UUID.randomUUID();
		AdministratorNoticeRequested notice = new AdministratorNoticeRequested(noticeId, "webhooks",
				AdministratorNoticeRequested.WARNING, "Webhook endpoint disabled",
				"Webhook endpoint was disabled: the receiver answered 410 Gone.", link, Instant.now());
		fixture.publish(notice);
		fixture.publish(notice); // redelivered: still one notice
		await().atMost(TIMEOUT).until(() -> jdbc.sql("SELECT count(*) FROM notifications.administrator_notices WHERE id = :id")
			.param("id", noticeId).query(Long.class).single() == 1);
		UUID admin = UUID.randomUUID();
		UUID otherAdmin = UUID.randomUUID();
		UUID user = UUID.randomUUID();

		for (UUID reader : List.of(admin, otherAdmin, admin)) { // reading again makes no second copy
			get(tokens.bearer(reader, "USER", "ADMIN"), "/api/v1/users/{id}/notifications", reader)
				.expectStatus().isOk()
				.expectBody()
				.jsonPath("$.data.length()").isEqualTo(1)
				.jsonPath("$.data[0].kind").isEqualTo("ADMINISTRATOR_NOTICE")
				.jsonPath("$.data[0].title").isEqualTo("[WARNING] Webhook endpoint disabled")
				.jsonPath("$.data[0].body").isEqualTo("Webhook endpoint was disabled: the receiver answered 410 Gone.")
				.jsonPath("$.data[0].data.link").isEqualTo(link)
				.jsonPath("$.data[0].data.source").isEqualTo("webhooks")
				.jsonPath("$.data[0].read").isEqualTo(false);
		}
		// each administrator reads their own copy
		UUID copy = fixture.inAppIds(admin).get(0);
		post(tokens.bearer(admin, "USER", "ADMIN"), "/api/v1/notifications/{id}/read", copy).expectStatus().isOk();
		get(tokens.bearer(otherAdmin, "USER", "ADMIN"), "/api/v1/users/{id}/notifications?unread=true", otherAdmin)
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.length()").isEqualTo(1);
		// not a user, and not a user whose list an administrator looks at
		get(tokens.bearer(user, "USER"), "/api/v1/users/{id}/notifications", user)
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.length()").isEqualTo(0);
		get(tokens.bearer(admin, "USER", "ADMIN"), "/api/v1/users/{id}/notifications", user)
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.length()").isEqualTo(0);
		assertThat(jdbc.sql("SELECT count(*) FROM notifications.notifications WHERE kind = 'ADMINISTRATOR_NOTICE' "
				+ "AND dedup_key LIKE :key").param("key", "%" + noticeId + "%").query(Long.class).single())
			.as("copies of the notice").isEqualTo(2);
	}

	@Test
	void marksANotificationReadIdempotentlyAndFiltersUnread() {
		UUID userId = UUID.randomUUID();
		fixture.publish(new OrderShipped(UUID.randomUUID(), userId, "TRACK-READ", Instant.now()));
		fixture.publish(new OrderDelivered(UUID.randomUUID(), userId, Instant.now()));
		fixture.awaitInApp(userId, 2);
		UUID id = fixture.inAppIds(userId).get(0);

		post(tokens.bearer(userId, "USER"), "/api/v1/notifications/{id}/read", id)
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.read").isEqualTo(true);
		String readAt = readAtOf(id);
		post(tokens.bearer(userId, "USER"), "/api/v1/notifications/{id}/read", id)
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.read").isEqualTo(true);
		assertThat(readAtOf(id)).isEqualTo(readAt);

		get(tokens.bearer(userId, "USER"), "/api/v1/users/{id}/notifications?unread=true", userId)
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.length()").isEqualTo(1)
			.jsonPath("$.data[0].id").isEqualTo(fixture.inAppIds(userId).get(1).toString());
	}

	@Test
	void hidesAnotherUsersNotificationsBehind404() {
		UUID owner = UUID.randomUUID();
		UUID intruder = UUID.randomUUID();
		fixture.publish(new OrderShipped(UUID.randomUUID(), owner, "TRACK-BOLA", Instant.now()));
		fixture.awaitInApp(owner, 1);
		UUID id = fixture.inAppIds(owner).get(0);

		get(tokens.bearer(intruder, "USER"), "/api/v1/users/{id}/notifications", owner)
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.error.code").isEqualTo("NOT_FOUND");
		post(tokens.bearer(intruder, "USER"), "/api/v1/notifications/{id}/read", id)
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.error.code").isEqualTo("NOT_FOUND");
		post(tokens.bearer(owner, "USER"), "/api/v1/notifications/{id}/read", UUID.randomUUID())
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.error.code").isEqualTo("NOT_FOUND");
		get(tokens.bearer(UUID.randomUUID(), "ADMIN"), "/api/v1/users/{id}/notifications", owner)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data[0].id").isEqualTo(id.toString());
		http.get().uri("/api/v1/users/{id}/notifications", owner)
			.exchange()
			.expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void keepsTheDeadLettersForAdministratorsOnly() {
		get(tokens.bearer(UUID.randomUUID(), "USER"), "/api/v1/notifications?status=FAILED")
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.error.code").isEqualTo("FORBIDDEN");
		post(tokens.bearer(UUID.randomUUID(), "USER"), "/api/v1/notifications/{id}/retry", UUID.randomUUID())
			.expectStatus().isForbidden()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("FORBIDDEN")
			.jsonPath("$.error.message").isEqualTo("You are not allowed to do this");
		post(tokens.bearer(UUID.randomUUID(), "ADMIN"), "/api/v1/notifications/{id}/retry", UUID.randomUUID())
			.expectStatus().isNotFound()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("NOT_FOUND")
			.jsonPath("$.error.message").isEqualTo("Resource not found");
		get(tokens.bearer(UUID.randomUUID(), "ADMIN"), "/api/v1/notifications?status=LOST")
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("status");
	}

	@Test
	void failsAfterTheLastAttemptAndDeliversOnceAnAdministratorRetries() {
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("dead");
		String admin = tokens.bearer(UUID.randomUUID(), "ADMIN");
		smtp.stop();
		fixture.publish(NotificationsFixture.passwordChanged(userId, email, "Dead"));
		await().atMost(TIMEOUT).until(() -> "FAILED".equals(fixture.emailStatusOf(userId)));
		UUID id = fixture.emailIdOf(userId);

		get(admin, "/api/v1/notifications?status=FAILED&limit=100")
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data[?(@.id=='" + id + "')].attempts").isEqualTo(List.of(5))
			.jsonPath("$.data[?(@.id=='" + id + "')].kind").isEqualTo(List.of("PASSWORD_CHANGED"))
			.jsonPath("$.data[?(@.id=='" + id + "')].lastError").isNotEmpty();

		smtp.start();
		post(admin, "/api/v1/notifications/{id}/retry", id)
			.expectStatus().isAccepted()
			.expectBody()
			.jsonPath("$.data.status").isEqualTo("PENDING")
			.jsonPath("$.data.attempts").isEqualTo(0);
		await().atMost(TIMEOUT).until(() -> "SENT".equals(fixture.emailStatusOf(userId)));
		assertThat(smtp.to(email)).hasSize(1);

		post(admin, "/api/v1/notifications/{id}/retry", id)
			.expectStatus().isEqualTo(409)
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("INVALID_STATE_TRANSITION")
			.jsonPath("$.error.message")
			.isEqualTo("Only an email that is not SENT, SENDING or SKIPPED can be retried; this one is EMAIL SENT");
	}

	@Test
	void aFailedEmailDropsItsTokenAndIsNotSentAgainWithout() {
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("dead-reset");
		String admin = tokens.bearer(UUID.randomUUID(), "ADMIN");
		smtp.stop();
		try {
			fixture.publish(NotificationsFixture.passwordResetRequested(userId, email, "Dead", "reset-token-kept-nowhere"));
			await().atMost(TIMEOUT).until(() -> "FAILED".equals(fixture.emailStatusOf(userId)));
		}
		finally {
			smtp.start();
		}
		UUID id = fixture.emailIdOf(userId);
		assertThat(jdbc.sql("SELECT secret FROM notifications.notifications WHERE id = :id").param("id", id)
			.query(String.class)
			.list()).as("the token of a failed email").containsExactly((String) null);

		post(admin, "/api/v1/notifications/{id}/retry", id).expectStatus().isEqualTo(409);
	}

	@Test
	void listsEveryEmailShortOfSentAndRetriesAnUnconfirmedOne() {
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("unconfirmed");
		String admin = tokens.bearer(UUID.randomUUID(), "ADMIN");
		fixture.publish(NotificationsFixture.passwordChanged(userId, email, "Unconfirmed"));
		await().atMost(TIMEOUT).until(() -> "SENT".equals(fixture.emailStatusOf(userId)));
		UUID id = fixture.emailIdOf(userId);
		// left UNCONFIRMED by an earlier version after a crash: never sent again on its own
		jdbc.sql("UPDATE notifications.notifications SET status = 'UNCONFIRMED', sent_at = NULL WHERE id = :id")
			.param("id", id).update();

		get(admin, "/api/v1/notifications?status=FAILED,UNCONFIRMED,PENDING,SENDING,AWAITING_RECIPIENT&limit=100")
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data[?(@.id=='" + id + "')].status").isEqualTo(List.of("UNCONFIRMED"));
		post(admin, "/api/v1/notifications/{id}/retry", id)
			.expectStatus().isAccepted()
			.expectBody().jsonPath("$.data.status").isEqualTo("PENDING");
		await().atMost(TIMEOUT).until(() -> "SENT".equals(fixture.emailStatusOf(userId)));
		assertThat(smtp.to(email)).hasSize(2);
	}

	/** A GET as the bearer of {@code authorization}. */
	private RestTestClient.ResponseSpec get(String authorization, String uri, Object... variables) {
		return http.get().uri(uri, variables).header(HttpHeaders.AUTHORIZATION, authorization).exchange();
	}

	/** A POST without a body as the bearer of {@code authorization}. */
	private RestTestClient.ResponseSpec post(String authorization, String uri, Object... variables) {
		return http.post().uri(uri, variables).header(HttpHeaders.AUTHORIZATION, authorization).exchange();
	}

	private String nextCursor(UUID userId) {
		return get(tokens.bearer(userId, "USER"), "/api/v1/users/{id}/notifications?limit=2", userId)
			.expectBody(MetaPage.class)
			.returnResult()
			.getResponseBody()
			.meta()
			.nextCursor();
	}

	private String readAtOf(UUID id) {
		return jdbc.sql("SELECT read_at::text FROM notifications.notifications WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

	record MetaPage(Object data, Meta meta) {

		record Meta(int limit, String nextCursor) {
		}
	}
}
