package dev.orderly.users.persistence;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.orderly.platform.paging.Cursor;
import dev.orderly.users.domain.UserView;

/**
 * The admin's list of live accounts: keyset pagination, newest first, with optional filters. Each
 * filter is backed by an index of the {@code users} table.
 */
@Repository
public class UserDirectory {

	private final JdbcClient jdbc;

	UserDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param role only accounts with this role, or {@code null}
	 * @param emailPrefix only emails starting with this (case-insensitive), or {@code null}
	 * @param verified only verified / unverified accounts, or {@code null} for both
	 */
	public record Filter(String role, String emailPrefix, Boolean verified) {
	}

	/** Fetches {@code limit + 1} rows after the cursor, so the caller can tell whether more exist. */
	public List<UserView> page(Filter filter, Cursor after, int limit) {
		StringBuilder sql = new StringBuilder("""
				SELECT id, email, display_name, phone, locale, roles, email_verified_at, created_at, updated_at
				FROM users.users WHERE deleted_at IS NULL""");
		var params = new HashMap<String, Object>();
		if (filter.role() != null) {
			sql.append(" AND roles @> ARRAY[CAST(:role AS text)]");
			params.put("role", filter.role());
		}
		if (filter.emailPrefix() != null) {
			sql.append(" AND lower(email) LIKE :prefix ESCAPE '\\'");
			params.put("prefix", escapeLike(filter.emailPrefix()) + "%");
		}
		if (filter.verified() != null) {
			sql.append(filter.verified() ? " AND email_verified_at IS NOT NULL" : " AND email_verified_at IS NULL");
		}
		if (after != null) {
			sql.append(" AND (created_at, id) < (:cursorCreatedAt, :cursorId)");
			params.put("cursorCreatedAt", after.createdAt().atOffset(ZoneOffset.UTC));
			params.put("cursorId", after.id());
		}
		// The page size is part of the statement: as a parameter, PostgreSQL would plan it anew on every
		// execution (docs/adr/0028).
		sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(limit + 1);
		return jdbc.sql(sql.toString()).params(params).query((rs, row) -> view(rs)).list();
	}

	private static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static UserView view(ResultSet rs) throws SQLException {
		Array roles = rs.getArray("roles");
		return new UserView(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"),
				rs.getString("phone"), rs.getString("locale"),
				Arrays.stream((String[]) roles.getArray()).sorted().toList(),
				rs.getObject("email_verified_at") != null, instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}
}
