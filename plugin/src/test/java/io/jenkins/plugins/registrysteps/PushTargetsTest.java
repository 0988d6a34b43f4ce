package io.jenkins.plugins.registrysteps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.image.InvalidReferenceException;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.template.TemplateException;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pure mapping of registryPush's fields onto a target: no Jenkins needed. */
class PushTargetsTest {

    private static final PushTargets.BuildData NO_BUILD = () -> {
        throw new IOException("a literal tag must not read build data");
    };

    @Test
    void registryHostPrefixesTheImageName() throws Exception {
        assertEquals("localhost:5000/app", PushTargets.repository("app", "localhost:5000", null).repository());
    }

    @Test
    void namedRegistryPrefixGoesBetweenHostAndName() throws Exception {
        assertEquals("demo.azurecr.io/team-a/app",
                PushTargets.repository("app:1.0", "demo.azurecr.io", "team-a").repository());
    }

    @Test
    void dockerHubTargetGetsLibraryForOnePartNames() throws Exception {
        assertEquals("docker.io/library/app", PushTargets.repository("app", "docker.io", null).repository());
    }

    @Test
    void noRegistryKeepsTheNamesOwn() throws Exception {
        assertEquals("quay.io/acme/app", PushTargets.repository("quay.io/acme/app:1", null, null).repository());
    }

    @Test
    void nameWithAnotherRegistryThanTheFieldIsRejected() {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class,
                () -> PushTargets.repository("quay.io/acme/app", "localhost:5000", null));
        assertTrue(e.getMessage().contains("give the registry in one place"), e.getMessage());
    }

    @Test
    void noTagMeansTheNamesTagElseLatest() throws Exception {
        assertEquals(List.of("1.2"), PushTargets.tags(null, null, "1.2", NO_BUILD));
        assertEquals(List.of("latest"), PushTargets.tags(null, null, null, NO_BUILD));
    }

    @Test
    void literalTagsNeedNoBuildAndRepeatsCountOnce() throws Exception {
        assertEquals(List.of("1.2.3", "latest", "stable"), PushTargets.tags("1.2.3", "latest, stable\n1.2.3", null, NO_BUILD));
    }

    @Test
    void templatesRenderWithTheBuildsData() throws Exception {
        BuildContext context = BuildContext.builder().branch("feature/x").commitId("0123456789abcdef")
                .time(ZonedDateTime.parse("2024-05-01T10:00:00Z")).ciName("jenkins").build();
        ImageReference repository = PushTargets.repository("app", "localhost:5000", null);
        List<String> tags = PushTargets.tags("{{ .Branch }}-{{ printf \"%.7s\" .CommitID }}", null, null,
                () -> EngineBridge.templateData(context, "registryPush", repository));
        assertEquals(List.of("featurex-0123456"), tags, "invalid tag characters are dropped, as Codeship does");
    }

    @Test
    void badTemplateSaysWhy() {
        assertThrows(TemplateException.class, () -> PushTargets.tags("{{ .Nope }}", null, null, NO_BUILD));
    }

    @Test
    void tagOfReadsTheTagNotThePort() {
        assertEquals(null, PushTargets.tagOf("localhost:5000/app"));
        assertEquals("2", PushTargets.tagOf("localhost:5000/app:2@sha256:abc"));
    }
}
