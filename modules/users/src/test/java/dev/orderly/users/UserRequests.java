package dev.orderly.users;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.platform.Actor;
import dev.orderly.users.application.ProfileUpdates;
import dev.orderly.users.application.Registration;

/**
 * The users module's requests, for its tests: the bodies of registration, profile, role and password
 * requests, the commands of the use cases, actors, and a registered-user helper — over HTTP
 * ({@link #registered()}) or through the use case ({@link #newAccount}).
 */
public final class UserRequests {

	public static final String PASSWORD = "correct horse battery";

	private final RestTestClient http;

	private final JdbcClient jdbc;

	public UserRequests(RestTestClient http, JdbcClient jdbc) {
		this.http = http;
		this.jdbc = jdbc;
	}

	/** A fresh address no other test uses. */
	public static String email() {
		return "user-" + UUID.randomUUID() + "@example.com";
	}

	public static Map<String, Object> registration(String email) {
		return registration(email, PASSWORD);
	}

	public static Map<String, Object> registration(String email, String password) {
		return Map.of("email", email, "password", password, "displayName", "Ann");
	}

	public static Registration.NewAccount newAccount(String email) {
		return new Registration.NewAccount(email, PASSWORD, "Ann", "en");
	}

	public static ProfileUpdates.ProfileChange profile(String displayName, String phone, String locale) {
		return new ProfileUpdates.ProfileChange(displayName, phone, locale);
	}

	public static Map<String, Object> roles(String... roles) {
		return Map.of("roles", List.of(roles));
	}

	public static Map<String, Object> passwordChange(String currentPassword, String newPassword) {
		return Map.of("currentPassword", currentPassword, "newPassword", newPassword);
	}

	/** The account's owner, with the {@code USER} role. */
	public static Actor self(UUID userId) {
		return new Actor(userId, Set.of(Actor.USER));
	}

	public static Actor administrator(UUID userId) {
		return new Actor(userId, Set.of(Actor.USER, Actor.ADMIN));
	}

	// over HTTP

	public RestTestClient.ResponseSpec register(Object body) {
		return http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON).body(body).exchange();
	}

	/** Registers (202, the id is not revealed) and reads the new account's id from the database. */
	public UUID registered(String email) {
		register(registration(email)).expectStatus().isAccepted();
		return liveAccount(email);
	}

	public UUID registered() {
		return registered(email());
	}

	public UUID liveAccount(String email) {
		return jdbc.sql("SELECT id FROM users.users WHERE email = :email AND deleted_at IS NULL")
			.param("email", email)
			.query(UUID.class)
			.single();
	}

	public RestTestClient.ResponseSpec get(String uri, String bearer, Object... variables) {
		return authorised(http.get().uri(uri, variables), bearer).exchange();
	}

	public RestTestClient.ResponseSpec replaceProfile(UUID id, String bearer, Object body) {
		return authorised(http.put().uri("/api/v1/users/{id}", id), bearer).contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange();
	}

	public RestTestClient.ResponseSpec patchProfile(UUID id, String bearer, MediaType type, Object body) {
		return authorised(http.patch().uri("/api/v1/users/{id}", id), bearer).contentType(type).body(body).exchange();
	}

	public RestTestClient.ResponseSpec changeRoles(UUID id, String bearer, Object body) {
		return authorised(http.put().uri("/api/v1/users/{id}/roles", id), bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange();
	}

	public RestTestClient.ResponseSpec changePassword(UUID id, String bearer, Object body) {
		return authorised(http.post().uri("/api/v1/users/{id}/change-password", id), bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange();
	}

	public RestTestClient.ResponseSpec delete(UUID id, String bearer) {
		return authorised(http.delete().uri("/api/v1/users/{id}", id), bearer).exchange();
	}

	public RestTestClient.ResponseSpec verifyEmail(UUID id, String token) {
		return http.post().uri("/api/v1/users/{id}/verify-email", id).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", token))
			.exchange();
	}

	public RestTestClient.ResponseSpec resendVerification(UUID id, String bearer) {
		return authorised(http.post().uri("/api/v1/users/{id}/verification-email", id), bearer).exchange();
	}

	/** Adds the bearer token, if there is one ({@code null}: an anonymous request). */
	private static <S extends RestTestClient.RequestHeadersSpec<?>> S authorised(S request, String bearer) {
		if (bearer != null) {
			request.header(HttpHeaders.AUTHORIZATION, bearer);
		}
		return request;
	}
}
