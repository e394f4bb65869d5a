package dev.orderly.platform.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trusting every address with {@code X-Forwarded-For} lets any client choose its own address and
 * escape every per-address limit: the application refuses to start with such a range, and says why.
 */
class TrustedProxiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(WebSettings.class);

	@ParameterizedTest
	@ValueSource(strings = { "0.0.0.0/0", "::/0", "10.0.0.1, 0.0.0.0/0", "0.0.0.0/1,128.0.0.0/1", "2000::/3",
			"1.2.3.4/00" })
	void refusesToStartWithARangeOfEveryAddress(String proxies) {
		context.withPropertyValues("orderly.web.trusted-proxies=" + proxies).run(started -> {
			assertThat(started).hasFailed();
			assertThat(started.getStartupFailure()).rootCause()
				.hasMessageContaining("ORDERLY_TRUSTED_PROXIES")
				.hasMessageContaining("any client could choose its own address");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "127.0.0.1", "172.31.240.10", "10.0.0.0/8", "fc00::/7", "172.16.0.0/12,::1" })
	void startsWithAProxysAddressOrPrivateSubnet(String proxies) {
		context.withPropertyValues("orderly.web.trusted-proxies=" + proxies).run(started -> {
			assertThat(started).hasNotFailed();
			assertThat(started.getBean(WebProperties.class).trustedProxies()).doesNotContain("0.0.0.0/0");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(WebProperties.class)
	static class WebSettings {
	}
}
