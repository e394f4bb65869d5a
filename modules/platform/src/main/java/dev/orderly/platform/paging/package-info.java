/**
 * Keyset pagination: the position of a page in a list ordered by {@code (created_at DESC, id DESC)}
 * and its opaque token form. Free of HTTP, so queries and use cases can take a {@link Cursor}.
 */
package dev.orderly.platform.paging;
