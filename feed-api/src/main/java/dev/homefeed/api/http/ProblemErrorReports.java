package dev.homefeed.api.http;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The few errors Tomcat answers itself, before a request reaches Spring (a request header over the 8 KiB limit, a
 * malformed request line), get a problem document like every other error, not Tomcat's HTML page. Boot's own error
 * report valve is replaced: this runs after Boot's customizer and takes its place in the host's pipeline.
 */
@Component
class ProblemErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemValve());
            // Else the host adds its default valve when it starts, as it finds none of the class it is told of.
            ((StandardHost) host).setErrorReportValveClass(ProblemValve.class.getName());
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Writes {@code application/problem+json} where Tomcat's valve writes HTML; never the cause, which may hold input. */
    public static final class ProblemValve extends ErrorReportValve {

        private static final StringManager REASONS = StringManager.getManager("org.apache.catalina.valves");

        public ProblemValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String title = REASONS.getString("http." + status + ".reason");
            String body = """
                    {"type":"https://feed.example/problems/request-rejected","title":"%s","status":%d,\
                    "detail":"The server refused the request before reading it, for example a request header over 8 KiB."}"""
                    .formatted(title == null || title.startsWith("Cannot find") ? "Request rejected" : title, status);
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client went away or the response cannot take a body: nothing more to send.
            }
        }
    }
}
