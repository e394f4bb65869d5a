package dev.orderly.platform.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Runs a Spring test against a real PostgreSQL: a container where Docker exists, a fresh
 * database on an existing server otherwise. See {@link TestDatabaseConfiguration}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(TestDatabaseConfiguration.class)
public @interface WithTestDatabase {
}
