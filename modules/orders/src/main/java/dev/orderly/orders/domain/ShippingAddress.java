package dev.orderly.orders.domain;

import java.util.Locale;
import java.util.Set;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Where an order goes: a structured postal address (validated field by field, stored in columns)
 * rather than free text. {@code country} is an ISO 3166-1 alpha-2 code; {@code postalCode} and
 * {@code region} are optional because not every country uses them.
 */
public record ShippingAddress(
		@NotBlank @Size(max = 100) String name,
		@NotBlank @Size(max = 200) String line1,
		@Schema(nullable = true) @Size(max = 200) String line2,
		@NotBlank @Size(max = 100) String city,
		@Schema(nullable = true) @Size(max = 100) String region,
		@Schema(nullable = true) @Size(max = 20) @Pattern(regexp = "[A-Za-z0-9 -]*") String postalCode,
		@NotBlank @Pattern(regexp = "[A-Z]{2}") @Schema(minLength = 2, maxLength = 2) String country) {

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	@JsonIgnore
	@AssertTrue(message = "must be an ISO 3166-1 alpha-2 country code")
	boolean isKnownCountry() {
		return country == null || !country.matches("[A-Z]{2}") || COUNTRIES.contains(country);
	}
}
