package dev.homefeed.query.ops.commits;

import dev.homefeed.query.ops.generation.ProjectionGenerations;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every projection processor, serving and rebuild alike, runs its transactions through {@link AsynchronousCommits}.
 * Registered per processing group, never as Axon's default: the command side's subscribing lookups run inside the
 * command's own transaction, which must stay synchronous.
 */
@Configuration(proxyBeanMethods = false)
class AsynchronousCommitsConfiguration {

    @Bean
    ConfigurerModule asynchronousProjectionCommits(JdbcClient jdbc) {
        return configurer -> {
            for (String group : ProjectionGenerations.processingGroups()) {
                configurer.eventProcessing().registerTransactionManager(group,
                        c -> new AsynchronousCommits(c.getComponent(TransactionManager.class), jdbc));
            }
        };
    }
}
