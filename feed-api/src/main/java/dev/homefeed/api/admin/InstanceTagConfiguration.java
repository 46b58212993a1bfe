package dev.homefeed.api.admin;

import dev.homefeed.projection.instances.InstanceDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.autoconfigure.metrics.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every metric carries {@code instance}, the id of the instance it comes from, so one Prometheus tells them apart. */
@Configuration(proxyBeanMethods = false)
class InstanceTagConfiguration {

    @Bean
    MeterRegistryCustomizer<MeterRegistry> instanceTag(InstanceDirectory instances) {
        return registry -> registry.config().commonTags("instance", instances.self());
    }
}
