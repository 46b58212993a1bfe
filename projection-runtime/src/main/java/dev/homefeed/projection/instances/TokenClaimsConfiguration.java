package dev.homefeed.projection.instances;

import dev.homefeed.membership.Instances;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's JPA token store as the Spring Boot starter builds it, but claiming segments in this instance's name
 * ({@link Instances#id()}), so {@code token_entry.owner} says which live instance owns which segment.
 */
@Configuration(proxyBeanMethods = false)
class TokenClaimsConfiguration {

    @Bean
    TokenStore tokenStore(@Qualifier("serializer") Serializer serializer, EntityManagerProvider entityManagerProvider, TokenStoreProperties properties,
                          Instances instances) {
        return JpaTokenStore.builder()
                .entityManagerProvider(entityManagerProvider)
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .nodeId(instances.id())
                .build();
    }
}
