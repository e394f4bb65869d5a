package dev.orderly.notifications.application;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

import dev.orderly.notifications.NotificationsFixture;
import dev.orderly.notifications.domain.NotificationKind;
import dev.orderly.notifications.domain.TemplateModel.OrderPlacedModel;
import dev.orderly.notifications.domain.TemplateModel.OrderShippedModel;
import dev.orderly.notifications.domain.TemplateModel.WelcomeEmail;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationTemplatesTests {

	static final Set<String> DELIVERY_VARIABLES = Set.of("displayName", "token", "link");

	static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");

	final NotificationTemplates templates = new NotificationTemplates(new DefaultResourceLoader());

	final NotificationTemplates.Delivery delivery = new NotificationTemplates.Delivery("[recipient]", "[token]", "[link]");

	@Test
	void escapesMarkupInTheHtmlPartOnly() {
		NotificationTemplates.RenderedEmail email = templates.email(new WelcomeEmail("<script>alert(1)</script>"),
				new NotificationTemplates.Delivery(null, null, "https://shop.example.test/?a=1&b=\"2\""));
		assertThat(email.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "a=1&amp;b=&quot;2&quot;")
			.doesNotContain("<script>");
		assertThat(email.text()).contains("Hello <script>alert(1)</script>,");
		assertThat(email.subject()).isEqualTo("Welcome to Orderly");
	}

	@ParameterizedTest
	@EnumSource(NotificationKind.class)
	void rendersEveryKindWithBothPartsAndASubject(NotificationKind kind) {
		NotificationTemplates.RenderedEmail email = templates.email(NotificationsFixture.exampleOf(kind), delivery);
		assertThat(email.subject()).isNotBlank();
		assertThat(email.text()).contains("[link]");
		assertThat(email.html()).contains("[link]").startsWith("<!DOCTYPE html>");
	}

	/** A variable a template names but its model lacks would fail only when an email is sent: not here. */
	@ParameterizedTest
	@EnumSource(NotificationKind.class)
	void namesOnlyVariablesOfItsKindsModelOrOfTheDelivery(NotificationKind kind) {
		Set<String> known = new HashSet<>(DELIVERY_VARIABLES);
		Arrays.stream(kind.model().getRecordComponents()).forEach(component -> known.add(component.getName()));
		for (String suffix : new String[] { ".subject.txt", ".txt", ".html", ".inapp.txt" }) {
			Resource template = new DefaultResourceLoader()
				.getResource(NotificationTemplates.LOCATION + kind.template() + suffix);
			if (template.exists()) {
				assertThat(variablesIn(template)).as(kind.template() + suffix).isSubsetOf(known);
			}
		}
	}

	@Test
	void usesTheRecipientsNameOnlyWhereTheModelHasNone() {
		UUID orderId = UUID.randomUUID();
		assertThat(templates.email(new OrderShippedModel(orderId, "TRACK-1", "[order link]"), delivery).text())
			.contains("Hello [recipient],", "TRACK-1");
		assertThat(templates.email(new WelcomeEmail("Ada"), delivery).text()).contains("Hello Ada,");
	}

	@Test
	void rendersTheInAppTitleAndBodyFromTheModel() {
		NotificationTemplates.RenderedInApp shown = templates
			.inApp(new OrderPlacedModel(UUID.randomUUID(), "13.50 EUR", 3, "https://shop.example.test/orders/1"));
		assertThat(shown.title()).startsWith("We received your order ");
		assertThat(shown.body()).isEqualTo("Your order of 3 item(s) for 13.50 EUR was placed.");
	}

	@Test
	void formatsMoneyFromMinorUnitsWithoutFloatingPoint() {
		assertThat(NotificationRules.money(1350, "EUR")).isEqualTo("13.50 EUR");
		assertThat(NotificationRules.money(999, "JPY")).isEqualTo("999 JPY");
		assertThat(NotificationRules.money(1, "KWD")).isEqualTo("0.001 KWD");
	}

	private static Set<String> variablesIn(Resource template) {
		try {
			Matcher matcher = VARIABLE.matcher(template.getContentAsString(StandardCharsets.UTF_8));
			Set<String> names = new HashSet<>();
			while (matcher.find()) {
				names.add(matcher.group(1));
			}
			return names;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
