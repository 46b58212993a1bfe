package bench.load;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * The follow graph, generated up front and then loaded through the HTTP API.
 * <ul>
 * <li>Users {@code 1..users}; each follows about {@code follows} others: popular users by a Zipf law (s = 0.9), plus
 * the celebrity and the hybrid author where they apply, so the total is {@code follows} per user.</li>
 * <li>The celebrity {@code users+1}: the largest ordinary author, followed by {@code celebFollowers} users.</li>
 * <li>The hybrid author {@code users+2}: followed by {@code hybridFollowers} users, the regular users first, then extra
 * users {@code users+3…} that follow nobody else.</li>
 * <li>{@value #PROBES} probe users after those, who only watch: probe k follows every user whose id is k modulo
 * {@value #PROBES}, and probe 0 also the celebrity and the hybrid author, so every author has exactly one probe among
 * its followers (one follower more than above) and post-to-visible can be watched for uniformly chosen authors.</li>
 * <li>Loaded in later phases, after them: the extra followers that take the hybrid author to {@code bigHybrid}
 * followers; {@value #PROLIFIC} prolific authors, each followed by the same {@value #SCALE_VIEWERS} long-feed viewers, and a modest author followed
 * by {@value #SCALE_VIEWERS} short-feed viewers.</li>
 * </ul>
 */
public final class Graph {

    public static final int PROBES = 8;
    public static final int SCALE_VIEWERS = 4;
    /** Several prolific authors rather than one, so their posts spread over the segments as real authors' do. */
    public static final int PROLIFIC = 16;

    public final int users;
    public final long celebrity;
    public final long hybrid;
    public final long hybridExtras;
    public final long[] probes = new long[PROBES];
    /** Followers the hybrid phase adds to the hybrid author: ids {@code bigExtrasStart…}, following nobody else. */
    public final long bigExtrasStart;
    public final int bigExtras;
    public final long[] prolific = new long[PROLIFIC];
    public final long modest;
    public final long[] longViewers = new long[SCALE_VIEWERS];
    public final long[] shortViewers = new long[SCALE_VIEWERS];
    /** Per regular user (index = id), whom they follow. */
    private final long[][] followees;
    /** Followers per author id ({@code 0..users+2}). */
    public final int[] followers;
    /** Every follow (follower, followee), in a random order: the order they are sent in. */
    public final long[] pairFollower;
    public final long[] pairFollowee;

    public Graph(int users, int follows, int celebFollowers, int hybridFollowers, int bigHybrid, long seed) {
        this.users = users;
        this.celebrity = users + 1L;
        this.hybrid = users + 2L;
        this.hybridExtras = Math.max(0, hybridFollowers - users);
        Random rnd = new Random(seed);
        followers = new int[users + 3];
        followees = new long[users + 1][];

        // Popularity ranks are a random permutation of the users, so popular ids are spread out.
        long[] byRank = new long[users];
        for (int k = 0; k < users; k++) byRank[k] = k + 1;
        shuffle(byRank, rnd);
        double[] cdf = new double[users];
        double sum = 0;
        for (int k = 0; k < users; k++) {
            sum += 1.0 / Math.pow(k + 1, 0.9);
            cdf[k] = sum;
        }
        for (int k = 0; k < users; k++) cdf[k] /= sum;

        long[] order = new long[users];
        for (int k = 0; k < users; k++) order[k] = k + 1;
        shuffle(order, rnd);
        Set<Long> celebSet = new HashSet<>();
        for (int k = 0; k < Math.min(celebFollowers, users); k++) celebSet.add(order[k]);

        long total = 0;
        for (int u = 1; u <= users; u++) {
            boolean followsCeleb = celebSet.contains((long) u);
            boolean followsHybrid = u <= hybridFollowers;
            int zipf = Math.max(0, Math.min(users - 1, follows - (followsCeleb ? 1 : 0) - (followsHybrid ? 1 : 0)));
            Set<Long> chosen = new HashSet<>();
            int attempts = 0;
            while (chosen.size() < zipf && attempts++ < zipf * 50) {
                int idx = Arrays.binarySearch(cdf, rnd.nextDouble());
                long id = byRank[Math.min(users - 1, idx < 0 ? -idx - 1 : idx)];
                if (id != u) chosen.add(id);
            }
            if (followsCeleb) chosen.add(celebrity);
            if (followsHybrid) chosen.add(hybrid);
            long[] f = chosen.stream().mapToLong(Long::longValue).toArray();
            followees[u] = f;
            for (long a : f) followers[(int) a]++;
            total += f.length;
        }
        followers[(int) hybrid] += (int) hybridExtras;
        total += hybridExtras;
        for (int k = 0; k < PROBES; k++) probes[k] = users + 3 + hybridExtras + k;
        for (int a = 1; a < followers.length; a++) followers[a]++;
        total += users + 2;

        bigExtrasStart = users + 3 + hybridExtras + PROBES;
        bigExtras = Math.max(0, bigHybrid - followers[(int) hybrid]);
        for (int k = 0; k < PROLIFIC; k++) prolific[k] = bigExtrasStart + bigExtras + k;
        modest = bigExtrasStart + bigExtras + PROLIFIC;
        for (int k = 0; k < SCALE_VIEWERS; k++) {
            longViewers[k] = modest + 1 + k;
            shortViewers[k] = modest + 1 + SCALE_VIEWERS + k;
        }

        pairFollower = new long[(int) total];
        pairFollowee = new long[(int) total];
        int p = 0;
        for (int u = 1; u <= users; u++) {
            for (long a : followees[u]) {
                pairFollower[p] = u;
                pairFollowee[p++] = a;
            }
        }
        for (long x = 0; x < hybridExtras; x++) {
            pairFollower[p] = users + 3 + x;
            pairFollowee[p++] = hybrid;
        }
        for (long a = 1; a <= users + 2; a++) {
            pairFollower[p] = probeOf(a);
            pairFollowee[p++] = a;
        }
        for (int k = p - 1; k > 0; k--) {
            int j = rnd.nextInt(k + 1);
            long t = pairFollower[k]; pairFollower[k] = pairFollower[j]; pairFollower[j] = t;
            t = pairFollowee[k]; pairFollowee[k] = pairFollowee[j]; pairFollowee[j] = t;
        }
    }

    /** The probe user that follows this author. */
    public long probeOf(long author) {
        return author > users ? probes[0] : probes[(int) (author % PROBES)];
    }

    /** The regular user whose follower count (the probe included) is nearest to {@code n}. */
    public long authorWithFollowers(int n) {
        long best = 1;
        for (int u = 1; u <= users; u++) {
            if (Math.abs(followers[u] - n) < Math.abs(followers[(int) best] - n)) best = u;
        }
        return best;
    }

    public int follows() {
        return pairFollower.length;
    }

    public int maxRegularFollowers() {
        int max = 0;
        for (int u = 1; u <= users; u++) max = Math.max(max, followers[u]);
        return max;
    }

    /** Feed rows one post of this author makes when pushed to every follower: the followers and the author. */
    public long feedRows(long author) {
        return followers[(int) author] + 1L;
    }

    /** The feed rows these posts make when each is pushed to its author and every follower. */
    public long feedRows(long[] authors) {
        return Arrays.stream(authors).map(this::feedRows).sum();
    }

    /** Uniformly random users, a few posts ({@code celebShare}) by the celebrity, never the hybrid author. */
    public long[] authorsAsPublished(int count, long seed, double celebShare) {
        Random rnd = new Random(seed);
        long[] authors = new long[count];
        for (int k = 0; k < count; k++) {
            authors[k] = rnd.nextDouble() < celebShare ? celebrity : 1 + rnd.nextInt(users);
        }
        return authors;
    }

    private static void shuffle(long[] a, Random rnd) {
        for (int k = a.length - 1; k > 0; k--) {
            int j = rnd.nextInt(k + 1);
            long t = a[k];
            a[k] = a[j];
            a[j] = t;
        }
    }
}
