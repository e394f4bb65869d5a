package dev.orderly.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.orders.events.OrderConfirmed;
import dev.orderly.orders.events.OrderDelivered;
import dev.orderly.orders.events.OrderShipped;
import dev.orderly.platform.test.TestTokens;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.users.events.UserRegistered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notifications API over real HTTP: in-app notifications for their owner (others get 404), and
 * the dead letters for administrators (users get 403).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@WithTestDatabase
@Import({ TestTokensConfiguration.class, TestSmtp.Configuration.class, NotificationsFixture.class })
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

	@AfterEach
	void smtpIsUpAgain() {
		smtp.start();
	}

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

		http.get().uri("/api/v1/users/{id}/notifications?limit=2", userId)
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(userId, "USER"))
			.exchange()
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
		http.get().uri("/api/v1/users/{id}/notifications?limit=2&cursor={c}", userId, next)
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(userId, "USER"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.length()").isEqualTo(1)
			.jsonPath("$.data[0].kind").isEqualTo("ORDER_CONFIRMED")
			.jsonPath("$.meta.nextCursor").isEmpty();
	}

	@Test
	void marksANotificationReadIdempotentlyAndFiltersUnread() {
		UUID userId = UUID.randomUUID();
		fixture.publish(new OrderShipped(UUID.randomUUID(), userId, "TRACK-READ", Instant.now()));
		fixture.publish(new OrderDelivered(UUID.randomUUID(), userId, Instant.now()));
		fixture.awaitInApp(userId, 2);
		UUID id = fixture.inAppIds(userId).get(0);

		http.post().uri("/api/v1/notifications/{id}/read", id)
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(userId, "USER"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.read").isEqualTo(true);
		String readAt = readAtOf(id);
		http.post().uri("/api/v1/notifications/{id}/read", id)
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(userId, "USER"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.read").isEqualTo(true);
		assertThat(readAtOf(id)).isEqualTo(readAt);

		http.get().uri("/api/v1/users/{id}/notifications?unread=true", userId)
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(userId, "USER"))
			.exchange()
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

		http.get().uri("/api/v1/users/{id}/notifications", owner)
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(intruder, "USER"))
			.exchange()
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.error.code").isEqualTo("NOT_FOUND");
		http.post().uri("/api/v1/notifications/{id}/read", id)
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(intruder, "USER"))
			.exchange()
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.error.code").isEqualTo("NOT_FOUND");
		http.post().uri("/api/v1/notifications/{id}/read", UUID.randomUUID())
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(owner, "USER"))
			.exchange()
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.error.code").isEqualTo("NOT_FOUND");
		http.get().uri("/api/v1/users/{id}/notifications", owner)
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID(), "ADMIN"))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data[0].id").isEqualTo(id.toString());
		http.get().uri("/api/v1/users/{id}/notifications", owner)
			.exchange()
			.expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void keepsTheDeadLettersForAdministratorsOnly() {
		http.get().uri("/api/v1/notifications?status=FAILED")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID(), "USER"))
			.exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.error.code").isEqualTo("FORBIDDEN");
		http.post().uri("/api/v1/notifications/{id}/retry", UUID.randomUUID())
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID(), "USER"))
			.exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.error.code").isEqualTo("FORBIDDEN");
		http.post().uri("/api/v1/notifications/{id}/retry", UUID.randomUUID())
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID(), "ADMIN"))
			.exchange()
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.error.code").isEqualTo("NOT_FOUND");
		http.get().uri("/api/v1/notifications?status=LOST")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID(), "ADMIN"))
			.exchange()
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

		http.get().uri("/api/v1/notifications?status=FAILED&limit=100")
			.header(HttpHeaders.AUTHORIZATION, admin)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data[?(@.id=='" + id + "')].attempts").isEqualTo(List.of(5))
			.jsonPath("$.data[?(@.id=='" + id + "')].kind").isEqualTo(List.of("PASSWORD_CHANGED"))
			.jsonPath("$.data[?(@.id=='" + id + "')].lastError").isNotEmpty();

		smtp.start();
		http.post().uri("/api/v1/notifications/{id}/retry", id)
			.header(HttpHeaders.AUTHORIZATION, admin)
			.exchange()
			.expectStatus().isAccepted()
			.expectBody()
			.jsonPath("$.data.status").isEqualTo("PENDING")
			.jsonPath("$.data.attempts").isEqualTo(0);
		await().atMost(TIMEOUT).until(() -> "SENT".equals(fixture.emailStatusOf(userId)));
		assertThat(smtp.to(email)).hasSize(1);

		http.post().uri("/api/v1/notifications/{id}/retry", id)
			.header(HttpHeaders.AUTHORIZATION, admin)
			.exchange()
			.expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_STATE_TRANSITION");
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

		http.get().uri("/api/v1/notifications?status=FAILED,UNCONFIRMED,PENDING,SENDING,AWAITING_RECIPIENT&limit=100")
			.header(HttpHeaders.AUTHORIZATION, admin)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data[?(@.id=='" + id + "')].status").isEqualTo(List.of("UNCONFIRMED"));
		http.post().uri("/api/v1/notifications/{id}/retry", id)
			.header(HttpHeaders.AUTHORIZATION, admin)
			.exchange()
			.expectStatus().isAccepted()
			.expectBody().jsonPath("$.data.status").isEqualTo("PENDING");
		await().atMost(TIMEOUT).until(() -> "SENT".equals(fixture.emailStatusOf(userId)));
		assertThat(smtp.to(email)).hasSize(2);
	}

	private String nextCursor(UUID userId) {
		return http.get().uri("/api/v1/users/{id}/notifications?limit=2", userId)
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(userId, "USER"))
			.exchange()
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
