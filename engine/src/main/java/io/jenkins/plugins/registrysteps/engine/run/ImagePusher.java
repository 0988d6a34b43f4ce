package io.jenkins.plugins.registrysteps.engine.run;

import io.jenkins.plugins.registrysteps.engine.auth.LoginResolver;
import io.jenkins.plugins.registrysteps.engine.auth.RegistryKey;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.LineSink;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.push.LayerCache;
import io.jenkins.plugins.registrysteps.engine.push.PushResult;
import io.jenkins.plugins.registrysteps.engine.push.PushTarget;
import io.jenkins.plugins.registrysteps.engine.push.SavedImagePusher;
import io.jenkins.plugins.registrysteps.engine.registry.CredentialSource;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Pushes an image of the daemon to a registry under one tag or several and records what the registry stored: the
 * manifest digest and the size of what it names. The layers go through the registry engine ({@link SavedImagePusher}:
 * compressed in parallel, skipped when the registry has them), or through the daemon's push when the engine cannot
 * push the image itself; either way with the login of the push's registry.
 */
public final class ImagePusher {

    private final DockerDaemon daemon;
    private final RegistryClient registry;
    private final LayerCache cache;

    /** @param registry pushes and reads back, with the push's logins; the layer cache is the user's ({@link LayerCache#standard}) */
    public ImagePusher(DockerDaemon daemon, RegistryClient registry) {
        this(daemon, registry, LayerCache.standard(System.getenv()));
    }

    public ImagePusher(DockerDaemon daemon, RegistryClient registry, LayerCache cache) {
        this.daemon = daemon;
        this.registry = registry;
        this.cache = cache;
    }

    /**
     * @param registry the registry whose login the push uses (Codeship's {@code registry:}, usually the target's)
     * @param logins the logins of the push and of reading it back
     */
    public PushRecord push(String localImage, ImageReference target, List<String> tags, String registry, LoginResolver logins,
            LineSink log) throws IOException {
        return push(localImage, List.of(target), tags, host -> host.equals(target.registry()) ? registry : host, logins, log)
                .get(0);
    }

    /**
     * The image to every target repository under the same tags, from one save of the image: each registry with its
     * own login. One record per target, all with the same digest.
     */
    public List<PushRecord> push(String localImage, List<ImageReference> targets, List<String> tags, LoginResolver logins,
            LineSink log) throws IOException {
        return push(localImage, targets, tags, UnaryOperator.identity(), logins, log);
    }

    /** @param loginOf for a target's host, the registry whose login pushes there */
    private List<PushRecord> push(String localImage, List<ImageReference> targets, List<String> tags,
            UnaryOperator<String> loginOf, LoginResolver logins, LineSink log) throws IOException {
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("push " + targets.get(0).repository() + ": no tag given");
        }
        Set<String> targetHosts = targets.stream().map(ImageReference::registry).collect(Collectors.toSet());
        // a target's host logs in as its registry says; any other host (a mount source never is) as its own
        CredentialSource login = host -> targetHosts.contains(host) ? logins.login(loginOf.apply(host), LoginResolver.Purpose.PUSH)
                : logins.credentialFor(host);
        SavedImagePusher pusher = new SavedImagePusher(daemon, this.registry.withCredentials(login), cache,
                (image, repository, tag, output) -> {
                    String as = loginOf.apply(repository.registry());
                    return daemon.push(image, repository.repository(), tag, RegistryKey.serverAddress(as),
                            logins.login(as, LoginResolver.Purpose.PUSH), output);
                });
        PushResult pushed = pusher.push(localImage, targets.stream().map(target -> new PushTarget(target, tags)).toList(), log);
        return targets.stream()
                .map(target -> new PushRecord(target.registry(), target.path(), tags, pushed.digest().toString(), pushed.size()))
                .toList();
    }
}
