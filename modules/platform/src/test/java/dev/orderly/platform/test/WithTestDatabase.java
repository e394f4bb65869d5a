package dev.orderly.platform.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs a Spring test against a real PostgreSQL: a container where Docker exists, a fresh
 * database on an existing server otherwise. See {@link TestDatabaseConfiguration}.
 * <p>
 * Rate limits are off in tests, which send many requests from one address; a test of the limits
 * turns them on with the property {@code orderly.test.rate-limit.enabled=true} (this annotation's
 * inlined property would win over {@code orderly.rate-limit.enabled} set by the test itself).
 * <p>
 * A container is each context's own; a database on an existing server is shared by the contexts of
 * one test JVM, so data one context wrote (its first administrator, say) is there when the next
 * starts. A test that needs what a first start finds, an empty database, sets
 * {@code orderly.test.database.own=true} ({@link TestDatabaseConfiguration#OWN_DATABASE}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(TestDatabaseConfiguration.class)
@TestPropertySource(properties = "orderly.rate-limit.enabled=${orderly.test.rate-limit.enabled:false}")
public @interface WithTestDatabase {
}
