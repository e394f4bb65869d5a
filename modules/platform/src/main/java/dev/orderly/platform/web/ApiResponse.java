package dev.orderly.platform.web;

import java.util.List;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.orderly.platform.paging.Cursor;

/**
 * The success envelope: {@code {"data": …}} for one resource, {@code {"data": […], "meta": {…}}}
 * for a page of a list.
 */
public record ApiResponse<T>(T data, @JsonInclude(JsonInclude.Include.NON_NULL) PageMeta meta) {

	public static <T> ApiResponse<T> of(T data) {
		return new ApiResponse<>(data, null);
	}

	/**
	 * Builds one page of a keyset-paginated list from rows fetched with {@code limit + 1}: the
	 * extra row, when present, only proves that a next page exists and is not returned.
	 */
	public static <R, T> ApiResponse<List<T>> page(List<R> rows, int limit, Function<R, Cursor> cursorOf,
			Function<R, T> mapper) {
		boolean more = rows.size() > limit;
		List<R> visible = more ? rows.subList(0, limit) : rows;
		String next = more ? cursorOf.apply(visible.get(visible.size() - 1)).encode() : null;
		return new ApiResponse<>(visible.stream().map(mapper).toList(), new PageMeta(limit, next));
	}

	/** Paging facts of a list response; {@code nextCursor} is {@code null} on the last page. */
	public record PageMeta(@Schema(minimum = "1", maximum = "" + PageLimit.MAX) int limit,
			@JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true, maxLength = 256) String nextCursor) {
	}
}
