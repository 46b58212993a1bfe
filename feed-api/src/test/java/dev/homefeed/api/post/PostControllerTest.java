package dev.homefeed.api.post;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.homefeed.api.http.StrictJson;
import dev.homefeed.api.support.PassThroughPositions;
import dev.homefeed.api.wire.Timestamps;
import dev.homefeed.command.api.IdempotencyKeyReusedException;
import dev.homefeed.command.api.InvalidPostTextException;
import dev.homefeed.command.api.NotPostAuthorException;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.PostNotFoundException;
import dev.homefeed.command.api.StalePostVersionException;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.post.PostView;
import dev.homefeed.command.api.post.PublishedPost;
import dev.homefeed.command.eventstore.FeedPositions;
import dev.homefeed.command.post.PostGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * How the post calls map request shapes and the command side's refusals onto RFC 9457 problems. Security is covered
 * end to end by {@code IdentityIT}; here the caller is user 7.
 */
@WebMvcTest(PostController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import(StrictJson.class)
@WithMockUser(username = "7")
class PostControllerTest {

    static final UserId CALLER = new UserId(7);
    static final PostId POST = new PostId(7263518211522560L);
    static final PostView VIEW = new PostView(POST, CALLER, "hello", POST.createdAt(), null, null, 1);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    PostGateway posts;
    @MockitoBean
    FeedPositions positions;

    @BeforeEach
    void commandsRunAtOnePosition() {
        PassThroughPositions.stub(positions, 42);
    }

    @Test
    void aNewPostIs201WithItsLocationAndVersionAsETag() throws Exception {
        when(posts.publish(CALLER, " hello ", null, null)).thenReturn(new PublishedPost(VIEW, false));

        send(post("/api/v1/posts"), "{\"text\": \" hello \"}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/posts/" + POST))
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.postId").value(POST.toString()))
                .andExpect(jsonPath("$.createdAt").value(Timestamps.format(POST.createdAt())))
                .andExpect(jsonPath("$.version").value(1));
    }

    @Test
    void aRepeatedIdempotencyKeyIs200WithTheEarlierPost() throws Exception {
        when(posts.publish(CALLER, "hello", null, "key-1")).thenReturn(new PublishedPost(VIEW, true));

        send(post("/api/v1/posts").header("Idempotency-Key", "key-1"), "{\"text\": \"hello\"}")
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Location"))
                .andExpect(jsonPath("$.postId").value(POST.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "1.5", "true", "{\"a\": 1}", "[\"x\"]"})
    void aTextThatIsNotAJsonStringIs400OnTheField(String text) throws Exception {
        expectInvalid(send(post("/api/v1/posts"), "{\"text\": " + text + "}"), "text", "must be a JSON string");
        verifyNoInteractions(posts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"text\": null}", "{\"expiresAt\": \"2999-01-01T00:00:00Z\"}"})
    void aMissingTextIs400(String body) throws Exception {
        expectInvalid(send(post("/api/v1/posts"), body), "text", "is required");
        verifyNoInteractions(posts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"text\"", "7", "null", ""})
    void aBodyThatIsNotAJsonObjectIs400OnTheBody(String body) throws Exception {
        expectInvalid(send(post("/api/v1/posts"), body), "body", "must be a JSON object");
        verifyNoInteractions(posts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"text\": ", "not json", "{\"text\": \"a\",}"})
    void malformedJsonIs400(String body) throws Exception {
        send(post("/api/v1/posts"), body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://feed.example/problems/malformed-json"));
        verifyNoInteractions(posts);
    }

    @Test
    void anExpiryThatIsNotATimestampIs400() throws Exception {
        expectInvalid(send(post("/api/v1/posts"), "{\"text\": \"a\", \"expiresAt\": \"tomorrow\"}"), "expiresAt",
                "must be an RFC 3339 timestamp such as 2026-11-22T10:15:30.123Z");
        expectInvalid(send(post("/api/v1/posts"), "{\"text\": \"a\", \"expiresAt\": 5}"), "expiresAt", "must be a JSON string");
        verifyNoInteractions(posts);
    }

    @Test
    void anIdempotencyKeyOutsidePrintableAsciiIs400() throws Exception {
        expectInvalid(send(post("/api/v1/posts").header("Idempotency-Key", "x".repeat(101)), "{\"text\": \"a\"}"),
                "Idempotency-Key", "must be 1 to 100 printable ASCII characters");
        verifyNoInteractions(posts);
    }

    @Test
    void textTheAggregateRefusesIs400OnTheText() throws Exception {
        when(posts.publish(eq(CALLER), anyString(), isNull(), isNull())).thenThrow(new InvalidPostTextException("must not be empty"));

        expectInvalid(send(post("/api/v1/posts"), "{\"text\": \"  \"}"), "text", "must not be empty");
    }

    @Test
    void aReusedKeyWithAnotherBodyIs422() throws Exception {
        when(posts.publish(CALLER, "other", null, "key-1")).thenThrow(new IdempotencyKeyReusedException());

        expectProblem(send(post("/api/v1/posts").header("Idempotency-Key", "key-1"), "{\"text\": \"other\"}"), 422,
                "idempotency-key-reused");
    }

    @Test
    void editsMapTheAggregatesRefusals() throws Exception {
        when(posts.edit(POST, CALLER, "a", null)).thenThrow(new NotPostAuthorException(POST));
        when(posts.edit(POST, CALLER, "b", 1L)).thenThrow(new StalePostVersionException(1L, 2L));
        when(posts.edit(POST, CALLER, "c", null)).thenThrow(new PostNotFoundException(POST));

        expectProblem(send(patch("/api/v1/posts/" + POST), "{\"text\": \"a\"}"), 403, "not-post-author");
        expectProblem(send(patch("/api/v1/posts/" + POST).header("If-Match", "\"1\""), "{\"text\": \"b\"}"), 412, "stale-version");
        expectProblem(send(patch("/api/v1/posts/" + POST), "{\"text\": \"c\"}"), 404, "post-not-found");
    }

    @Test
    void aMalformedIfMatchIs400() throws Exception {
        expectInvalid(send(patch("/api/v1/posts/" + POST).header("If-Match", "1"), "{\"text\": \"a\"}"), "If-Match",
                "must be \"<version>\", W/\"<version>\" or *");
        verifyNoInteractions(posts);
    }

    @Test
    void anIdThatIsNotCanonicalIs400() throws Exception {
        expectInvalid(mvc.perform(get("/api/v1/posts/007")), "postId",
                "must be an integer id from 1 to 9223372036854775807 in canonical decimal");
        verifyNoInteractions(posts);
    }

    @Test
    void anUnexpectedFailureIs500WithoutInternals() throws Exception {
        when(posts.find(any())).thenThrow(new IllegalStateException("SELECT secret FROM dev.homefeed.internal"));

        expectProblem(mvc.perform(get("/api/v1/posts/" + POST)), 500, "internal-error")
                .andExpect(content().string(not(containsString("SELECT"))))
                .andExpect(content().string(not(containsString("dev.homefeed"))));
    }

    private ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static ResultActions expectProblem(ResultActions result, int status, String type) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://feed.example/problems/" + type))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").isNotEmpty())
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    private static void expectInvalid(ResultActions result, String field, String message) throws Exception {
        expectProblem(result, 400, "invalid-request")
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].message").value(message))
                .andExpect(jsonPath("$.detail").value(field + " " + message));
    }
}
