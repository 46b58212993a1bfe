package dev.homefeed.api.admin;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operations page lives at {@code /admin/}: static files in {@code static/admin} of this jar (HTML, CSS and plain
 * JavaScript, no build step) that call the admin API above with a token the operator pastes in.
 */
@Configuration(proxyBeanMethods = false)
class OpsPageConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/admin", "/admin/");
        registry.addViewController("/admin/").setViewName("forward:/admin/index.html");
    }
}
