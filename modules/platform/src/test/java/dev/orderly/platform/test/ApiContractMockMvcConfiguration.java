package dev.orderly.platform.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Validates every response a {@code @AutoConfigureMockMvc} test receives against the committed
 * contract ({@link ApiContract}). Registered for all such tests through
 * {@code META-INF/spring/...AutoConfigureMockMvc.imports} of this test jar.
 */
@AutoConfiguration
@ConditionalOnProperty(name = ApiContract.ENABLED, matchIfMissing = true)
public class ApiContractMockMvcConfiguration {

	@Bean
	MockMvcBuilderCustomizer apiContractValidation() {
		return builder -> builder.alwaysDo(result -> {
			MockHttpServletResponse response = result.getResponse();
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (String name : response.getHeaderNames()) {
				headers.put(name, response.getHeaders(name));
			}
			ApiContract.assertConforms(result.getRequest().getMethod(), result.getRequest().getRequestURI(),
					response.getStatus(), headers, response.getContentAsByteArray());
		});
	}
}
