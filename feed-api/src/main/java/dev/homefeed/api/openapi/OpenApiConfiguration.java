package dev.homefeed.api.openapi;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs is generated from the controllers; this adds the title and the bearer scheme. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Home feed service", version = "v1",
        description = "Posts, follows and the home feed. Errors are RFC 9457 problem details."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "HS256 JWT: sub = user id, scope feed:admin for /admin/**")
class OpenApiConfiguration {
}
