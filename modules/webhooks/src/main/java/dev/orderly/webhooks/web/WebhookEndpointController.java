package dev.orderly.webhooks.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.orderly.platform.paging.Cursor;
import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.web.ApiResponse;
import dev.orderly.platform.web.PageLimit;
import dev.orderly.webhooks.application.EndpointManagement;
import dev.orderly.webhooks.domain.Delivery;
import dev.orderly.webhooks.domain.DeliveryStatus;
import dev.orderly.webhooks.domain.Endpoint;
import dev.orderly.webhooks.web.WebhookResponses.CreatedEndpoint;
import dev.orderly.webhooks.web.WebhookResponses.DeliveryView;
import dev.orderly.webhooks.web.WebhookResponses.EndpointView;

/**
 * {@code /api/v1/webhook-endpoints}: administrators register the receivers of integration partners,
 * and watch and retry their deliveries. HTTP only: {@link EndpointManagement} decides, failures are
 * answered by {@link WebhooksErrorMapping}.
 */
@RestController
@Tag(name = "webhooks")
@RequestMapping("/api/v1/webhook-endpoints")
class WebhookEndpointController {

	private final EndpointManagement endpoints;

	WebhookEndpointController(EndpointManagement endpoints) {
		this.endpoints = endpoints;
	}

	@Operation(operationId = "createWebhookEndpoint", summary = "Register a webhook endpoint",
			description = "Administrators: registers an https URL to receive the given order events, signed per Standard Webhooks 1.0. The answer carries the signing secret (whsec_...), shown only this once. A URL that is not https, or whose host resolves to a loopback, private, link-local, multicast, unspecified or metadata address, is 400 VALIDATION_ERROR naming url.")
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED) // documents the status; the ResponseEntity sets the same
	ResponseEntity<ApiResponse<CreatedEndpoint>> create(CurrentUser caller,
			@Valid @RequestBody WebhookRequests.EndpointRequest request) {
		Endpoint endpoint = endpoints.register(caller.actor(), request.url(), request.eventTypes(), request.description());
		return ResponseEntity.created(URI.create("/api/v1/webhook-endpoints/" + endpoint.id()))
			.body(ApiResponse.of(CreatedEndpoint.of(endpoint)));
	}

	@Operation(operationId = "listWebhookEndpoints", summary = "List webhook endpoints",
			description = "Administrators: the endpoints, newest first, one keyset page at a time (limit, cursor from meta.nextCursor).")
	@GetMapping
	ApiResponse<List<EndpointView>> list(CurrentUser caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		int size = PageLimit.of(limit);
		List<Endpoint> rows = endpoints.list(caller.actor(), Cursor.decode(cursor), size);
		return ApiResponse.page(rows, size, row -> new Cursor(row.createdAt(), row.id()), EndpointView::of);
	}

	@Operation(operationId = "getWebhookEndpoint", summary = "Get a webhook endpoint",
			description = "Administrators: one endpoint, without its secret.")
	@GetMapping("/{id}")
	ApiResponse<EndpointView> get(CurrentUser caller, @PathVariable UUID id) {
		return ApiResponse.of(EndpointView.of(endpoints.find(caller.actor(), id)));
	}

	@Operation(operationId = "updateWebhookEndpoint", summary = "Change a webhook endpoint",
			description = "Administrators: changes the url, event types and/or description; absent or null fields stay, an empty description removes it. A new url is checked as on registration.")
	@PatchMapping("/{id}")
	ApiResponse<EndpointView> update(CurrentUser caller, @PathVariable UUID id,
			@Valid @RequestBody WebhookRequests.EndpointPatch patch) {
		return ApiResponse.of(EndpointView.of(
				endpoints.update(caller.actor(), id, patch.url(), patch.eventTypes(), patch.description())));
	}

	@Operation(operationId = "disableWebhookEndpoint", summary = "Disable a webhook endpoint",
			description = "Administrators: no new deliveries are recorded for it and its pending ones wait until it is enabled again.")
	@PostMapping("/{id}/disable")
	ApiResponse<EndpointView> disable(CurrentUser caller, @PathVariable UUID id) {
		return ApiResponse.of(EndpointView.of(endpoints.setEnabled(caller.actor(), id, false)));
	}

	@Operation(operationId = "enableWebhookEndpoint", summary = "Enable a webhook endpoint",
			description = "Administrators: enables an endpoint (also one the dispatcher disabled after 410 Gone or failing too long) and forgets its failures; its pending deliveries go out again.")
	@PostMapping("/{id}/enable")
	ApiResponse<EndpointView> enable(CurrentUser caller, @PathVariable UUID id) {
		return ApiResponse.of(EndpointView.of(endpoints.setEnabled(caller.actor(), id, true)));
	}

	@Operation(operationId = "deleteWebhookEndpoint", summary = "Delete a webhook endpoint",
			description = "Administrators: deletes the endpoint and its deliveries.")
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT) // documents the status; the ResponseEntity sets the same
	ResponseEntity<Void> delete(CurrentUser caller, @PathVariable UUID id) {
		endpoints.delete(caller.actor(), id);
		return ResponseEntity.noContent().build();
	}

	@Operation(operationId = "rotateWebhookSecret", summary = "Rotate an endpoint's signing secret",
			description = "Administrators: a new signing secret, shown only in this answer. The previous one keeps signing (a second signature in webhook-signature) until previousSecretExpiresAt, so receivers can switch without losing deliveries.")
	@PostMapping("/{id}/rotate-secret")
	ApiResponse<CreatedEndpoint> rotate(CurrentUser caller, @PathVariable UUID id) {
		return ApiResponse.of(CreatedEndpoint.of(endpoints.rotateSecret(caller.actor(), id)));
	}

	@Operation(operationId = "listWebhookDeliveries", summary = "List an endpoint's deliveries",
			description = "Administrators: the deliveries to an endpoint, newest first, one keyset page at a time, optionally in one status: their attempts, last response code and time, next attempt.")
	@GetMapping("/{id}/deliveries")
	ApiResponse<List<DeliveryView>> deliveries(CurrentUser caller, @PathVariable UUID id,
			@RequestParam(required = false) DeliveryStatus status, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		int size = PageLimit.of(limit);
		List<Delivery> rows = endpoints.deliveries(caller.actor(), id, status, Cursor.decode(cursor), size);
		return ApiResponse.page(rows, size, row -> new Cursor(row.createdAt(), row.id()), DeliveryView::of);
	}

	@Operation(operationId = "retryWebhookDelivery", summary = "Retry a delivery",
			description = "Administrators: sends a delivery again now (202), with a fresh retry window and the same webhook-id, whatever its status; one being sent right now is 409 CONFLICT.")
	@PostMapping("/{id}/deliveries/{deliveryId}/retry")
	@ResponseStatus(HttpStatus.ACCEPTED) // documents the status; the ResponseEntity sets the same
	ResponseEntity<ApiResponse<DeliveryView>> retry(CurrentUser caller, @PathVariable UUID id,
			@PathVariable UUID deliveryId) {
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(ApiResponse.of(DeliveryView.of(endpoints.retry(caller.actor(), id, deliveryId))));
	}
}
