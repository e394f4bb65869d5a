package dev.orderly.hardening;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.orderly.support.AppTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;

/**
 * The whole application over real HTTP on a random port, with the hardening probe endpoints:
 * one cached context shared by the hardening tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		// our code and the token validation log at DEBUG: SensitiveDataLoggingTests checks what they say
		"logging.level.dev.orderly=DEBUG", "logging.level.org.springframework.security.oauth2=DEBUG",
		// no SMTP server here: the development mailbox, asked for explicitly
		"orderly.notifications.dev-mailbox=true" })
@AutoConfigureRestTestClient
@WithTestDatabase
@Import({ AppTokensConfiguration.class, HardeningProbes.class })
@interface HardeningTest {
}
