package dev.orderly.platform.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The version of an integration event's wire format, on the event record of a module's contract
 * package ({@code dev.orderly.<module>.events}). The envelope carries it ({@code "version": 1}), the
 * committed JSON schema baseline of the contract artifact is kept per version, and readers accept
 * this version and every older one an {@link #upcasters() upcaster} leads from (docs/adr/0031).
 * <p>
 * Adding an optional component keeps the version. A change that would break a consumer still
 * running the previous release (a removed, renamed or retyped component, a new required one) is a
 * new version: raise {@link #value()}, add an {@link EventUpcaster} from the previous version, and
 * keep the previous version's baseline and golden samples.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventVersion {

	/** The version this record is published as (1, 2, …). */
	int value();

	/**
	 * How the data of older versions becomes this version: one upcaster per older version still
	 * read, each from its version to the next. Empty: only {@link #value()} is read.
	 */
	Class<? extends EventUpcaster>[] upcasters() default {};
}
