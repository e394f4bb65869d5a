package dev.orderly.platform.test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.resttestclient.autoconfigure.RestTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Validates every response a {@code @AutoConfigureRestTestClient} test receives against the
 * committed contract ({@link ApiContract}). Registered for all such tests through
 * {@code META-INF/spring/...AutoConfigureRestTestClient.imports} of this test jar.
 */
@AutoConfiguration
@ConditionalOnProperty(name = ApiContract.ENABLED, matchIfMissing = true)
public class ApiContractRestTestClientConfiguration {

	@Bean
	RestTestClientBuilderCustomizer apiContractValidation() {
		return builder -> builder.requestInterceptor(validating());
	}

	static ClientHttpRequestInterceptor validating() {
		return (request, body, execution) -> {
			ClientHttpResponse response = execution.execute(request, body);
			byte[] content = response.getBody().readAllBytes();
			Map<String, List<String>> headers = new LinkedHashMap<>();
			response.getHeaders().forEach(headers::put);
			ApiContract.assertConforms(request.getMethod().name(), request.getURI().getRawPath(),
					response.getStatusCode().value(), headers, content);
			return new Buffered(response, content);
		};
	}

	/** The response with its body read once, for the validator, and again for the test. */
	private record Buffered(ClientHttpResponse delegate, byte[] content) implements ClientHttpResponse {

		@Override
		public HttpStatusCode getStatusCode() throws IOException {
			return delegate.getStatusCode();
		}

		@Override
		public String getStatusText() throws IOException {
			return delegate.getStatusText();
		}

		@Override
		public HttpHeaders getHeaders() {
			return delegate.getHeaders();
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(content);
		}

		@Override
		public void close() {
			delegate.close();
		}
	}
}
