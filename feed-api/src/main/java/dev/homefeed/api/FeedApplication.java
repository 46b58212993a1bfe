package dev.homefeed.api;

import dev.homefeed.api.security.TokenCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The home-feed service: commands, projections and HTTP in one Spring Boot application. */
@SpringBootApplication(scanBasePackages = "dev.homefeed")
@EnableScheduling
public class FeedApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenCommand.run(args, System.out, System.err));
        }
        SpringApplication.run(FeedApplication.class, args);
    }
}
