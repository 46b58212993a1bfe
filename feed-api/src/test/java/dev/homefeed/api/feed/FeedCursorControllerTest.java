package dev.homefeed.api.feed;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Optional;

import dev.homefeed.api.http.StrictJson;
import dev.homefeed.api.position.FeedPositionHeaders;
import dev.homefeed.api.support.PassThroughPositions;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.PostNotFoundException;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.marker.ReadMarker;
import dev.homefeed.command.eventstore.FeedPositions;
import dev.homefeed.command.marker.ReadMarkerGateway;
import dev.homefeed.query.cursor.ReadMarkerReads;
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

/** How the read-marker calls map bad ids, missing markers and unknown posts onto RFC 9457 problems. */
@WebMvcTest(FeedCursorController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({StrictJson.class, FeedPositionHeaders.class})
@WithMockUser(username = "7")
class FeedCursorControllerTest {

    static final UserId CALLER = new UserId(7);
    static final PostId POST = new PostId(7263518211522560L);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ReadMarkerGateway markers;
    @MockitoBean
    ReadMarkerReads projected;
    @MockitoBean
    FeedPositions positions;

    @BeforeEach
    void commandsRunAtOnePosition() {
        PassThroughPositions.stub(positions, 42);
    }

    @Test
    void aMoveAnswersWithTheMarkerAsTheAggregateHoldsIt() throws Exception {
        Instant movedAt = Instant.parse("2026-11-22T10:15:30.123Z");
        when(markers.move(CALLER, POST)).thenReturn(new ReadMarker(POST, POST.createdAt(), movedAt));

        move("{\"lastSeenPostId\": \"" + POST + "\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lastSeenPostId").value(POST.toString()))
                .andExpect(jsonPath("$.updatedAt").value("2026-11-22T10:15:30.123Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "\"0\"", "\"007\"", "\"9223372036854775808\"", "\"\""})
    void anIdThatIsNotCanonicalIs400(String id) throws Exception {
        expectInvalid(move("{\"lastSeenPostId\": " + id + "}"), "lastSeenPostId",
                "must be an integer id from 1 to 9223372036854775807 in canonical decimal");
        verifyNoInteractions(markers);
    }

    @ParameterizedTest
    @ValueSource(strings = {"7263518211522560", "true", "[\"7263518211522560\"]"})
    void anIdThatIsNotAJsonStringIs400(String id) throws Exception {
        expectInvalid(move("{\"lastSeenPostId\": " + id + "}"), "lastSeenPostId", "must be a JSON string");
        verifyNoInteractions(markers);
    }

    @Test
    void aMissingIdOrBodyIs400() throws Exception {
        expectInvalid(move("{}"), "lastSeenPostId", "is required");
        expectInvalid(move("[]"), "body", "must be a JSON object");
        verifyNoInteractions(markers);
    }

    @Test
    void aPostThatNeverExistedIs404() throws Exception {
        when(markers.move(CALLER, POST)).thenThrow(new PostNotFoundException(POST));

        move("{\"lastSeenPostId\": \"" + POST + "\"}")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://feed.example/problems/post-not-found"));
    }

    @Test
    void aViewerWithoutAMarkerGets404() throws Exception {
        when(projected.find(7, 0)).thenReturn(Optional.empty());

        mvc.perform(get("/api/v1/feed/cursor"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://feed.example/problems/marker-not-set"));
    }

    private ResultActions move(String body) throws Exception {
        return mvc.perform(put("/api/v1/feed/cursor").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static void expectInvalid(ResultActions result, String field, String message) throws Exception {
        result.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://feed.example/problems/invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].message").value(message));
    }
}
