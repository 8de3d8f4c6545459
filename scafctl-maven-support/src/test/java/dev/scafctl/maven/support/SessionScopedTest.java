package dev.scafctl.maven.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.junit.jupiter.api.Test;

/** What is said once a build (the authProvider warning of issue 17, point 4): once per build, again in the next. */
class SessionScopedTest {

    @SuppressWarnings("deprecation")
    private static MavenSession build() {
        return new MavenSession(null, new DefaultRepositorySystemSession(), new DefaultMavenExecutionRequest(),
                new DefaultMavenExecutionResult());
    }

    @Test
    void aLineIsSaidOnceABuild() {
        MavenSession build = build();
        assertTrue(SessionScoped.firstTime(build, "catalog \"company\" uses authProvider github"));
        assertFalse(SessionScoped.firstTime(build, "catalog \"company\" uses authProvider github"), "the next goal stays quiet");
        assertTrue(SessionScoped.firstTime(build, "another line"));
        assertTrue(SessionScoped.firstTime(build(), "catalog \"company\" uses authProvider github"), "a new build says it again");
    }
}
