package dev.homefeed.projection;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code feed.projections.processors.<projection>}: each projection's processor tuning; defaults for the rest. */
@ConfigurationProperties("feed.projections")
public record ProjectionProperties(@DefaultValue Map<String, ProcessorSettings> processors) {

    public ProcessorSettings processor(String projection) {
        return processors.getOrDefault(projection, ProcessorSettings.DEFAULTS);
    }
}
