package dev.orderly.users.application;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.orderly.platform.Actor;
import dev.orderly.users.domain.NotAllowed;
import dev.orderly.users.domain.UserNotFound;

import static dev.orderly.users.UserRequests.administrator;
import static dev.orderly.users.UserRequests.self;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserPolicyTests {

	static final UserPolicy POLICY = new UserPolicy();

	static final UUID ANN = UUID.randomUUID();

	static final UUID BOB = UUID.randomUUID();

	@Test
	void letsAUserManageTheirOwnAccountOnly() {
		assertThat(POLICY.mayManage(self(ANN), ANN)).isTrue();
		assertThat(POLICY.mayManage(self(ANN), BOB)).isFalse();
	}

	@Test
	void reportsAnotherUsersAccountAsNotFound() {
		assertThatCode(() -> POLICY.checkMayManage(self(ANN), ANN)).doesNotThrowAnyException();
		assertThatThrownBy(() -> POLICY.checkMayManage(self(ANN), BOB)).isInstanceOf(UserNotFound.class)
			.extracting(ex -> ((UserNotFound) ex).userId()).isEqualTo(BOB);
	}

	@Test
	void letsAdministratorsAndTheSystemManageAnyAccount() {
		assertThat(POLICY.mayManage(administrator(ANN), BOB)).isTrue();
		assertThat(POLICY.mayManage(Actor.system(), BOB)).isTrue();
	}

	@Test
	void letsOnlyAdministratorsAndTheSystemListAccountsAndChangeRoles() {
		for (Actor allowed : Set.of(administrator(ANN), Actor.system())) {
			assertThat(POLICY.mayListAccounts(allowed)).isTrue();
			assertThat(POLICY.mayChangeRoles(allowed)).isTrue();
			assertThatCode(() -> POLICY.checkMayListAccounts(allowed)).doesNotThrowAnyException();
			assertThatCode(() -> POLICY.checkMayChangeRoles(allowed)).doesNotThrowAnyException();
		}
		assertThat(POLICY.mayListAccounts(self(ANN))).isFalse();
		assertThat(POLICY.mayChangeRoles(self(ANN))).isFalse();
		assertThatThrownBy(() -> POLICY.checkMayListAccounts(self(ANN))).isInstanceOf(NotAllowed.class);
		assertThatThrownBy(() -> POLICY.checkMayChangeRoles(self(ANN))).isInstanceOf(NotAllowed.class);
	}

	@Test
	void judgesByTheActorsCurrentRolesNotByItsId() {
		Actor demoted = new Actor(ANN, Set.of(Actor.USER));
		assertThat(POLICY.mayChangeRoles(demoted)).isFalse();
		assertThat(POLICY.mayManage(demoted, BOB)).isFalse();
		assertThat(POLICY.mayManage(new Actor(ANN, Set.of()), ANN)).isTrue();
	}
}
