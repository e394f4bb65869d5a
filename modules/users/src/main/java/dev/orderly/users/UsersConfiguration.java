package dev.orderly.users;

import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

import dev.orderly.platform.security.AccountRoles;
import dev.orderly.platform.security.PublicEndpoints;
import dev.orderly.users.api.UserAccount;
import dev.orderly.users.api.UserAccounts;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UsersProperties.class)
@PropertySource("classpath:orderly-users-defaults.properties")
class UsersConfiguration {

	/**
	 * Registration is open; verifying an email needs no login because the single-use token itself
	 * proves that the caller reads the mailbox.
	 */
	@Bean
	PublicEndpoints usersPublicEndpoints() {
		return PublicEndpoints.post("/api/v1/users", "/api/v1/users/*/verify-email");
	}

	/** The security chain re-reads an administrator's roles here before every administrative write. */
	@Bean
	AccountRoles accountRoles(UserAccounts accounts) {
		return userId -> accounts.findById(userId).map(UserAccount::roles).orElse(Set.of());
	}
}
