package dev.orderly.notifications;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.context.annotation.Import;

import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;

/**
 * What every Spring test of notifications runs with: real PostgreSQL, the module's SMTP server
 * (started again after each test, in case the test took it down), test tokens, and the
 * {@link NotificationsFixture} to autowire.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WithTestDatabase
@Import({ TestTokensConfiguration.class, TestSmtp.Configuration.class, NotificationsFixture.class })
@ExtendWith(WithNotificationsFixture.SmtpUpAgain.class)
public @interface WithNotificationsFixture {

	/** An SMTP outage ends with its test. */
	class SmtpUpAgain implements AfterEachCallback {

		@Override
		public void afterEach(ExtensionContext context) {
			TestSmtp.SERVER.start();
		}
	}
}
