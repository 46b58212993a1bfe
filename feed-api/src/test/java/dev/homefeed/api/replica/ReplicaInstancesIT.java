package dev.homefeed.api.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.homefeed.api.support.AdminClient;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.ServiceProcess;
import dev.homefeed.api.support.Tokens;
import dev.homefeed.api.support.Users;
import dev.homefeed.postgres.Databases;
import dev.homefeed.postgres.testing.TestRun;
import dev.homefeed.postgres.testing.TestStandby;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two packaged jars on one primary, both reading from its streaming standby, as {@code compose.yaml} runs them: a
 * blue/green rebuild started on one and switched reaches the readers of both whole, every page the declarative feed,
 * no read failing, while the standby replays the switch.
 */
class ReplicaInstancesIT {

    static final String JWT_SECRET = "a-shared-jwt-secret-for-both-instances-of-the-replica-test";

    final Tokens tokens = new Tokens(JWT_SECRET);
    final String adminToken = tokens.admin(Users.next());
    final List<ServiceProcess> started = new ArrayList<>();

    @AfterEach
    void stopInstances() throws Exception {
        for (ServiceProcess instance : started) {
            if (instance.isAlive()) {
                instance.kill();
            }
        }
    }

    @Test
    void aRebuildSwitchedOnOneInstanceReachesTheStandbyReadersOfBothWhole() throws Exception {
        TestStandby.Pair pair = TestStandby.replicated();
        String database = "replica_instances_" + ProcessHandle.current().pid();
        Databases.createIfMissing(pair.primary(), database);
        Path directory = Files.createDirectories(TestRun.directory().resolve(database));
        Map<String, String> environment = Map.of(
                "SPRING_DATASOURCE_URL", pair.primary().jdbcUrl(database),
                "SPRING_DATASOURCE_USERNAME", pair.primary().username(),
                "SPRING_DATASOURCE_PASSWORD", pair.primary().password(),
                "FEED_JWT_SECRET", JWT_SECRET,
                "FEED_READ_REPLICA_URLS", pair.standby().jdbcUrl(database));
        ServiceProcess a = start(directory, "a", environment);
        a.awaitHealthy();
        ServiceProcess b = start(directory, "b", environment);
        b.awaitHealthy();
        FeedClient apiA = new FeedClient(a.http(), tokens);
        FeedClient apiB = new FeedClient(b.http(), tokens);
        AdminClient adminA = new AdminClient(a.http(), adminToken);

        long author = Users.next();
        long other = Users.next();
        List<Long> viewers = List.of(Users.next(), Users.next(), Users.next());
        Map<Long, List<String>> expected = new HashMap<>();
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            posts.add(0, (i % 2 == 0 ? apiA : apiB).publish(i % 2 == 0 ? author : other, "post " + i));
            Thread.sleep(5); // distinct createdAt, so the expected order needs no tie-break on ids from two nodes
        }
        for (long viewer : viewers) {
            apiA.follow(viewer, author);
            apiB.follow(viewer, other);
            expected.put(viewer, posts);
        }
        adminA.awaitAllCaughtUp(AdminClient.PATIENCE);
        for (long viewer : viewers) {
            apiA.awaitWindow(viewer);
            await().atMost(AdminClient.PATIENCE).until(() -> apiB.feedIds(viewer).equals(expected.get(viewer)));
        }
        for (ServiceProcess instance : List.of(a, b)) {
            await("standby serving " + instance.port()).atMost(AdminClient.PATIENCE).until(() ->
                    new AdminClient(instance.http(), adminToken).get("/admin/read-replicas").json().at("/items/0/state").asText()
                            .equals("SERVING"));
        }
        int serving = adminA.generation("home-feed");

        AtomicBoolean reading = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        List<Thread> readers = new ArrayList<>();
        for (FeedClient api : List.of(apiA, apiB)) {
            Thread reader = new Thread(() -> {
                while (reading.get()) {
                    for (long viewer : viewers) {
                        try {
                            List<String> read = api.feedIds(viewer);
                            if (!read.equals(expected.get(viewer))) {
                                wrong.add(viewer + " read " + read);
                            }
                        } catch (AssertionError | RuntimeException failed) {
                            wrong.add(viewer + ": " + failed.getMessage());
                        }
                    }
                }
            }, "standby-reader");
            reader.start();
            readers.add(reader);
        }
        try {
            adminA.rebuild("home-feed", "auto");
            adminA.awaitRebuild("home-feed", "SWITCHED");
            assertThat(adminA.generation("home-feed")).isGreaterThan(serving);
            for (long viewer : viewers) {
                apiB.awaitWindow(viewer);
            }
            Thread.sleep(1_000);
        } finally {
            reading.set(false);
            for (Thread reader : readers) {
                reader.join();
            }
        }
        assertThat(wrong).as("pages that were wrong or failed while the switch replicated").isEmpty();
        for (ServiceProcess instance : List.of(a, b)) {
            assertThat(new AdminClient(instance.http(), adminToken).get("/admin/read-replicas").json().at("/items/0/reads").asLong())
                    .as("reads the standby served for the instance on %s", instance.port()).isPositive();
        }
    }

    private ServiceProcess start(Path directory, String name, Map<String, String> environment) throws Exception {
        Path data = Files.createDirectories(directory.resolve(name));
        ServiceProcess instance = ServiceProcess.start(ServiceProcess.packagedJar(), data, directory.resolve(name + ".log"), environment);
        started.add(instance);
        return instance;
    }
}
