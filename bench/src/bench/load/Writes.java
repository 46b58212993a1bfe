package bench.load;

import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;

import bench.harness.Http;
import bench.harness.Json;

/** The service's write calls as load-loop operations: a follow, and posts of about 100 characters. */
public final class Writes {

    private static final String[] WORDS = ("the quick brown fox jumps over a lazy dog while feeds fan out to every follower "
            + "and replays rebuild them from events").split(" ");

    private Writes() {
    }

    public static long follow(Http via, long follower, long followee) throws Exception {
        Http.Resp r = via.put("/api/v1/following/" + followee, via.auth(follower));
        if (r.status() != 204) throw new IllegalStateException("follow: " + r.status() + " " + r.body());
        return 1;
    }

    /** Posts through the given instances (worker k through instance k modulo their number), closed loop. */
    public static Load.Result publish(String name, List<Http> via, int connections, long posts, LongUnaryOperator author) throws Exception {
        return Load.closedCount(name, connections, posts, publisher(name, via, author));
    }

    /** Post number {@code seq} by {@code author(seq)}, worker k through instance k modulo their number. */
    public static Load.WorkerFactory publisher(String name, List<Http> via, LongUnaryOperator author) {
        return index -> {
            Http to = via.get(index % via.size());
            return seq -> {
                Http.Resp r = to.post("/api/v1/posts", to.auth(author.applyAsLong(seq)), "{\"text\":" + Json.quote(postText(seq)) + "}");
                if (r.status() != 201) throw new IllegalStateException(name + ": " + r.status() + " " + r.body());
                return 1;
            };
        };
    }

    /** The text of post number {@code seq}: the same for the same number, on the service and the peer alike. */
    public static String postText(long seq) {
        StringBuilder b = new StringBuilder("bench post ").append(seq).append(':');
        Random r = new Random(seq);
        while (b.length() < 100) b.append(' ').append(WORDS[r.nextInt(WORDS.length)]);
        return b.toString();
    }
}
