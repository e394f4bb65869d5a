package dev.orderly.notifications;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationTemplatesTests {

	final NotificationTemplates templates = new NotificationTemplates(new DefaultResourceLoader());

	@Test
	void escapesMarkupInTheHtmlPartOnly() {
		Map<String, Object> model = new HashMap<>();
		model.put("displayName", "<script>alert(1)</script>");
		model.put("link", "https://shop.example.test/?a=1&b=\"2\"");
		NotificationTemplates.RenderedEmail email = templates.email(NotificationKind.WELCOME, model);
		assertThat(email.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "a=1&amp;b=&quot;2&quot;")
			.doesNotContain("<script>");
		assertThat(email.text()).contains("Hello <script>alert(1)</script>,");
		assertThat(email.subject()).isEqualTo("Welcome to Orderly");
	}

	@Test
	void rendersEveryKindWithBothPartsAndASubject() {
		for (NotificationKind kind : NotificationKind.values()) {
			Map<String, Object> model = new HashMap<>();
			for (String key : new String[] { "displayName", "link", "token", "expiresAt", "changedAt", "orderId", "total",
					"itemCount", "trackingNumber", "reason", "attemptedAt" }) {
				model.put(key, "[" + key + "]");
			}
			NotificationTemplates.RenderedEmail email = templates.email(kind, model);
			assertThat(email.subject()).isNotBlank();
			assertThat(email.text()).contains("[link]");
			assertThat(email.html()).contains("[link]").startsWith("<!DOCTYPE html>");
		}
	}

	@Test
	void refusesToRenderWithAMissingVariable() {
		assertThatThrownBy(() -> templates.email(NotificationKind.ORDER_SHIPPED, Map.of("displayName", "Ada")))
			.isInstanceOf(RuntimeException.class);
	}

	@Test
	void formatsMoneyFromMinorUnitsWithoutFloatingPoint() {
		assertThat(NotificationListeners.money(1350, "EUR")).isEqualTo("13.50 EUR");
		assertThat(NotificationListeners.money(999, "JPY")).isEqualTo("999 JPY");
		assertThat(NotificationListeners.money(1, "KWD")).isEqualTo("0.001 KWD");
	}
}
