package dev.homefeed.api.admin;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;

import dev.homefeed.api.paging.Cursors;
import dev.homefeed.api.secrets.PersistentSecrets;
import dev.homefeed.projection.ProjectionOperations;
import dev.homefeed.projection.api.ProjectionOverview;
import dev.homefeed.projection.api.ProjectionState;
import dev.homefeed.projection.api.ProjectionStatus;
import dev.homefeed.projection.api.ReplayRefusedException;
import dev.homefeed.projection.api.ReplayRefusedException.Refusal;
import dev.homefeed.projection.deadletter.DeadLetters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** How the admin calls map unknown names and refused replays onto RFC 9457 problems. Scopes: {@code IdentityIT}. */
@WebMvcTest(controllers = ProjectionsController.class, properties = "feed.cursor.secret=a-cursor-secret-for-this-slice-only")
@AutoConfigureMockMvc(addFilters = false)
@Import({Cursors.class, PersistentSecrets.class})
@WithMockUser(username = "3")
class ProjectionsControllerTest {

    static final ProjectionStatus REPLAYING = new ProjectionStatus("home-feed", ProjectionState.REPLAYING, 0, 10, 10, 5,
            null, 0.0, null, 0);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ProjectionOperations projections;
    @MockitoBean
    DeadLetters deadLetters;

    @BeforeEach
    void overviewsAreTheStatusAlone() {
        when(projections.overview(any())).thenAnswer(call -> new ProjectionOverview(call.getArgument(0), null, 1, null, List.of()));
    }

    @Test
    void anAcceptedReplayIs202WithTheProjectionReplaying() throws Exception {
        when(projections.replay("home-feed")).thenReturn(REPLAYING);

        mvc.perform(post("/admin/projections/home-feed/replay"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.state").value("REPLAYING"))
                .andExpect(jsonPath("$.lagEvents").value(10));
    }

    @Test
    void refusedReplaysAre404And409() throws Exception {
        when(projections.replay("nope")).thenThrow(new ReplayRefusedException(Refusal.UNKNOWN, "no projection named nope"));
        when(projections.replay("home-feed"))
                .thenThrow(new ReplayRefusedException(Refusal.ALREADY_REPLAYING, "home-feed is already replaying"))
                .thenThrow(new ReplayRefusedException(Refusal.SEGMENTS_HELD_ELSEWHERE, "held"));

        expectProblem(mvc.perform(post("/admin/projections/nope/replay")), 404, "unknown-projection");
        expectProblem(mvc.perform(post("/admin/projections/home-feed/replay")), 409, "replay-running");
        expectProblem(mvc.perform(post("/admin/projections/home-feed/replay")), 409, "segments-held");
    }

    @Test
    void anUnknownProjectionOrDeadLetterIs404() throws Exception {
        when(projections.status("nope")).thenReturn(Optional.empty());
        when(projections.status("home-feed")).thenReturn(Optional.of(REPLAYING));
        when(deadLetters.evict("home-feed", "gone")).thenReturn(false);

        expectProblem(mvc.perform(get("/admin/projections/nope")), 404, "unknown-projection");
        expectProblem(mvc.perform(get("/admin/projections/nope/dead-letters")), 404, "unknown-projection");
        expectProblem(mvc.perform(delete("/admin/projections/home-feed/dead-letters/gone")), 404, "unknown-dead-letter");
    }

    @Test
    void aDeadLetterPageLimitOutsideOneToAHundredIs400() throws Exception {
        when(projections.status("home-feed")).thenReturn(Optional.of(REPLAYING));

        expectProblem(mvc.perform(get("/admin/projections/home-feed/dead-letters?limit=0")), 400, "invalid-request")
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
    }

    private static ResultActions expectProblem(ResultActions result, int status, String type) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://feed.example/problems/" + type))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }
}
