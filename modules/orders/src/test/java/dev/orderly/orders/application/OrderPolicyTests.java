package dev.orderly.orders.application;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import dev.orderly.orders.domain.ActionNotAllowed;
import dev.orderly.orders.domain.CustomerNotFound;
import dev.orderly.orders.domain.Order;
import dev.orderly.orders.domain.OrderNotFound;
import dev.orderly.platform.Actor;

import static dev.orderly.orders.domain.OrderTests.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every "who may do what" of orders, for the owner, another user, an administrator and the system. */
class OrderPolicyTests {

	final Order order = placed();

	final Actor owner = user(order.userId());

	final Actor stranger = user(UUID.randomUUID());

	final Actor admin = new Actor(UUID.randomUUID(), Set.of(Actor.USER, Actor.ADMIN));

	final Actor system = Actor.system();

	static Actor user(UUID id) {
		return new Actor(id, Set.of(Actor.USER));
	}

	@Test
	void showsAnOrderToItsOwnerAdministratorsAndTheSystemOnly() {
		assertThat(OrderPolicy.maySee(owner, order.userId())).isTrue();
		assertThat(OrderPolicy.maySee(admin, order.userId())).isTrue();
		assertThat(OrderPolicy.maySee(system, order.userId())).isTrue();
		assertThat(OrderPolicy.maySee(stranger, order.userId())).isFalse();
	}

	@Test
	void hidesAnotherUsersOrderFromEveryActionAsNotFound() {
		for (BiConsumer<Actor, Order> rule : List.<BiConsumer<Actor, Order>>of(OrderPolicy::requireMayEdit,
				OrderPolicy::requireMayCancel, OrderPolicy::requireMayFulfil, OrderPolicy::requireMayDelete)) {
			assertThatThrownBy(() -> rule.accept(stranger, order)).isInstanceOf(OrderNotFound.class)
				.satisfies(ex -> assertThat(ex.getStackTrace()).isEmpty());
		}
	}

	@Test
	void letsOnlyTheOwnerEdit() {
		assertThatCode(() -> OrderPolicy.requireMayEdit(owner, order)).doesNotThrowAnyException();
		assertThatThrownBy(() -> OrderPolicy.requireMayEdit(admin, order)).isInstanceOf(ActionNotAllowed.class);
		assertThatThrownBy(() -> OrderPolicy.requireMayEdit(system, order)).isInstanceOf(ActionNotAllowed.class);
	}

	@Test
	void letsTheOwnerAndAdministratorsCancel() {
		assertThatCode(() -> OrderPolicy.requireMayCancel(owner, order)).doesNotThrowAnyException();
		assertThatCode(() -> OrderPolicy.requireMayCancel(admin, order)).doesNotThrowAnyException();
		assertThatCode(() -> OrderPolicy.requireMayCancel(system, order)).doesNotThrowAnyException();
	}

	@Test
	void letsOnlyAdministratorsAndTheSystemFulfilAndDelete() {
		for (BiConsumer<Actor, Order> rule : List.<BiConsumer<Actor, Order>>of(OrderPolicy::requireMayFulfil,
				OrderPolicy::requireMayDelete)) {
			assertThatThrownBy(() -> rule.accept(owner, order)).isInstanceOf(ActionNotAllowed.class);
			assertThatCode(() -> rule.accept(admin, order)).doesNotThrowAnyException();
			assertThatCode(() -> rule.accept(system, order)).doesNotThrowAnyException();
		}
	}

	@Test
	void listsAUsersOwnOrdersAndAnyonesForAdministrators() {
		UUID someone = UUID.randomUUID();
		assertThat(OrderPolicy.ownerToList(owner, null)).isEqualTo(owner.id());
		assertThat(OrderPolicy.ownerToList(owner, owner.id())).isEqualTo(owner.id());
		assertThatThrownBy(() -> OrderPolicy.ownerToList(owner, someone)).isInstanceOf(CustomerNotFound.class);
		assertThat(OrderPolicy.ownerToList(admin, null)).as("everyone's").isNull();
		assertThat(OrderPolicy.ownerToList(admin, someone)).isEqualTo(someone);
		assertThat(OrderPolicy.ownerToList(system, someone)).isEqualTo(someone);
	}

	@Test
	void placesForOneselfAndForAnyoneOnlyAsAdministrator() {
		UUID someone = UUID.randomUUID();
		assertThatCode(() -> OrderPolicy.requireMayPlaceFor(owner, owner.id())).doesNotThrowAnyException();
		assertThatThrownBy(() -> OrderPolicy.requireMayPlaceFor(owner, someone)).isInstanceOf(CustomerNotFound.class);
		assertThatCode(() -> OrderPolicy.requireMayPlaceFor(admin, someone)).doesNotThrowAnyException();
	}

	@Test
	void leavesClosingADeletedAccountToTheSystem() {
		assertThatCode(() -> OrderPolicy.requireMayCloseAccount(system)).doesNotThrowAnyException();
		assertThatThrownBy(() -> OrderPolicy.requireMayCloseAccount(admin)).isInstanceOf(ActionNotAllowed.class);
		assertThatThrownBy(() -> OrderPolicy.requireMayCloseAccount(owner)).isInstanceOf(ActionNotAllowed.class);
	}

	@Test
	void leavesThePriceListAndItsInactiveProductsToAdministrators() {
		assertThatThrownBy(() -> OrderPolicy.requireMayManageProducts(owner)).isInstanceOf(ActionNotAllowed.class);
		assertThatCode(() -> OrderPolicy.requireMayManageProducts(admin)).doesNotThrowAnyException();
		assertThat(OrderPolicy.maySeeInactiveProducts(owner)).isFalse();
		assertThat(OrderPolicy.maySeeInactiveProducts(admin)).isTrue();
	}
}
