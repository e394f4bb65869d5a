package dev.orderly.hardening;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.support.AppTokensConfiguration;
import dev.orderly.support.TestMailServer;

/**
 * The whole application over real HTTP (the test profile: first administrator, fast hashing, a
 * real SMTP server) with rate limiting off, so that hundreds of hostile requests from one address
 * reach the code they aim at instead of a 429. One cached context for the hostile-input tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "orderly.rate-limit.enabled=false")
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@WithTestDatabase
@Import({ TestMailServer.class, AppTokensConfiguration.class })
@interface HostileInputTest {
}
