package dev.orderly.notifications.application;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.orderly.notifications.domain.NotAllowed;
import dev.orderly.notifications.domain.Notification;
import dev.orderly.notifications.domain.NotificationKind;
import dev.orderly.notifications.domain.NotificationStatus;
import dev.orderly.platform.Actor;
import dev.orderly.platform.RequestOrigin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may do what with notifications. */
class NotificationPolicyTests {

	final NotificationPolicy policy = new NotificationPolicy();

	final UUID owner = UUID.randomUUID();

	final Actor ownerActor = new Actor(owner, Set.of(Actor.USER));

	final Actor other = new Actor(UUID.randomUUID(), Set.of(Actor.USER));

	final Actor admin = new Actor(UUID.randomUUID(), Set.of(Actor.USER, Actor.ADMIN));

	@Test
	void letsTheOwnerAndAdministratorsListAUsersNotifications() {
		assertThat(policy.mayList(ownerActor, owner)).isTrue();
		assertThat(policy.mayList(admin, owner)).isTrue();
		assertThat(policy.mayList(other, owner)).isFalse();
		assertThat(policy.mayList(Actor.system(), owner)).isFalse();
	}

	@Test
	void letsOnlyTheOwnerMarkAnInAppNotificationRead() {
		assertThat(policy.mayMarkRead(ownerActor, notification(Notification.Channel.IN_APP))).isTrue();
		assertThat(policy.mayMarkRead(admin, notification(Notification.Channel.IN_APP))).isFalse();
		assertThat(policy.mayMarkRead(other, notification(Notification.Channel.IN_APP))).isFalse();
		assertThat(policy.mayMarkRead(ownerActor, notification(Notification.Channel.EMAIL))).isFalse();
	}

	@Test
	void leavesDeliveryOperationsToAdministrators() {
		assertThatNoException().isThrownBy(() -> policy.checkMayOperateDelivery(admin));
		assertThatThrownBy(() -> policy.checkMayOperateDelivery(ownerActor)).isInstanceOf(NotAllowed.class);
		assertThatThrownBy(() -> policy.checkMayOperateDelivery(Actor.system())).isInstanceOf(NotAllowed.class);
	}

	@Test
	void showsEachUserOnlyTheirOwnDevelopmentMail() {
		assertThat(policy.mayReadMailboxOf(ownerActor, owner)).isTrue();
		assertThat(policy.mayReadMailboxOf(admin, owner)).isFalse();
	}

	private Notification notification(Notification.Channel channel) {
		Instant now = Instant.now();
		return new Notification(UUID.randomUUID(), owner, channel, NotificationKind.ORDER_DELIVERED,
				NotificationStatus.DELIVERED, null, Map.of(), null, "title", "body", 0, null, null, null, now, null, null,
				now, now, RequestOrigin.NONE);
	}
}
