package dev.orderly.auth.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.orderly.auth.AuthProperties;
import dev.orderly.auth.persistence.SigningKeys;

/**
 * What any standard resource server needs to validate our tokens: the public keys (RFC 7517) and a
 * discovery document naming the issuer and the key set (OpenID Connect Discovery / RFC 8414 shape).
 * Standard formats, so no envelope. Public and cacheable for a few minutes (keys are rotated by
 * publishing the new one before it signs).
 */
@RestController
@Tag(name = "well-known")
@RequestMapping("/.well-known")
class WellKnownController {

	private static final CacheControl FIVE_MINUTES = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

	private final SigningKeys keys;

	private final AuthProperties properties;

	WellKnownController(SigningKeys keys, AuthProperties properties) {
		this.keys = keys;
		this.properties = properties;
	}

	@Operation(operationId = "getJwks", summary = "Get the token signing keys",
			description = "Public: the JSON Web Key Set (RFC 7517) with the public keys that sign access tokens. Not enveloped; cacheable for 5 minutes.")
	@GetMapping("/jwks.json")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok().cacheControl(FIVE_MINUTES).body(keys.publicJwks().toJSONObject(true));
	}

	@Operation(operationId = "getOpenidConfiguration", summary = "Get the discovery document",
			description = "Public: issuer, jwks_uri and token endpoint in the OpenID Connect Discovery shape. Not enveloped; cacheable for 5 minutes.")
	@GetMapping("/openid-configuration")
	ResponseEntity<Map<String, Object>> openidConfiguration() {
		String issuer = properties.issuer();
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", issuer);
		document.put("jwks_uri", issuer + "/.well-known/jwks.json");
		document.put("token_endpoint", issuer + "/api/v1/auth/login");
		document.put("response_types_supported", List.of("token"));
		document.put("subject_types_supported", List.of("public"));
		document.put("id_token_signing_alg_values_supported", List.of("RS256"));
		document.put("token_endpoint_auth_methods_supported", List.of("none"));
		document.put("claims_supported", List.of("iss", "aud", "sub", "iat", "exp", "jti", "roles"));
		return ResponseEntity.ok().cacheControl(FIVE_MINUTES).body(document);
	}
}
