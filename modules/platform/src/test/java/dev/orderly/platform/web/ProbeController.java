package dev.orderly.platform.web;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.orderly.platform.paging.Cursor;

import dev.orderly.platform.security.CurrentUser;

/** Endpoints that exercise the platform's error handling in its own tests. */
@RestController
@RequestMapping("/api/v1/probe")
class ProbeController {

	record Payload(@NotBlank @Email String email, @Min(1) @Max(10) int quantity, List<String> tags) {
	}

	record Typed(Integer quantity, Boolean active, String name, Set<String> roles, Nested nested) {
	}

	record Nested(List<String> lines) {
	}

	@PostMapping
	ApiResponse<Payload> echo(@Valid @RequestBody Payload payload) {
		return ApiResponse.of(payload);
	}

	@GetMapping("/me")
	ApiResponse<String> me(CurrentUser user) {
		return ApiResponse.of(user.id().toString());
	}

	@GetMapping("/admin")
	@org.springframework.security.access.prepost.PreAuthorize("hasRole('ADMIN')")
	ApiResponse<String> admin() {
		return ApiResponse.of("ok");
	}

	@GetMapping("/page")
	ApiResponse<List<String>> page(@RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		PageLimit.of(limit);
		Cursor.decode(cursor);
		return ApiResponse.of(List.of());
	}

	@PostMapping("/typed")
	ApiResponse<Typed> typed(@RequestBody Typed typed) {
		return ApiResponse.of(typed);
	}

	@GetMapping("/header")
	ApiResponse<String> header(@org.springframework.web.bind.annotation.RequestHeader("X-Note") String note) {
		return ApiResponse.of(note);
	}

	@GetMapping("/since")
	ApiResponse<String> since(@RequestParam Instant after) {
		return ApiResponse.of(after.toString());
	}

	@GetMapping("/tagged")
	ResponseEntity<ApiResponse<String>> tagged() {
		return ResponseEntity.ok().eTag("\"1\"").body(ApiResponse.of("ok"));
	}

	@GetMapping("/cacheable")
	ResponseEntity<ApiResponse<String>> cacheable() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.eTag("\"1\"")
			.body(ApiResponse.of("ok"));
	}

	@GetMapping("/boom")
	String boom() {
		throw new IllegalStateException("secret internal detail select * from users");
	}

	@GetMapping("/database-down")
	String databaseDown() {
		throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
				new SQLTransientConnectionException("Connection is not available, request timed out after 2000ms"));
	}
}
