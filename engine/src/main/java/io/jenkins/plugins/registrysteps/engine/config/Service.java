package io.jenkins.plugins.registrysteps.engine.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service of codeship-services.yml: an image (built or pulled) and how its containers run.
 *
 * @param environment variables; a {@code null} value is taken from the environment of the run
 * @param encryptedEnvironment inline {@code jet encrypt} outputs, each decrypting to {@code NAME=value} lines
 */
public record Service(
        Located<String> name,
        Build build,
        Located<String> image,
        Map<String, Located<String>> environment,
        List<Located<String>> envFiles,
        List<Located<String>> encryptedEnvFiles,
        List<Located<String>> encryptedEnvironment,
        List<Located<String>> volumes,
        List<Located<String>> volumesFrom,
        List<Located<String>> links,
        List<Located<String>> dependsOn,
        Located<String> workingDir,
        CommandLine entrypoint,
        CommandLine command,
        List<Located<String>> ports,
        Located<Boolean> cached,
        Located<String> defaultCacheBranch,
        Located<Boolean> addDocker,
        List<Located<String>> extraHosts,
        List<Located<String>> capAdd,
        Located<String> dockercfgService,
        Located<String> encryptedDockercfgPath) {

    public Service {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        envFiles = List.copyOf(envFiles);
        encryptedEnvFiles = List.copyOf(encryptedEnvFiles);
        encryptedEnvironment = List.copyOf(encryptedEnvironment);
        volumes = List.copyOf(volumes);
        volumesFrom = List.copyOf(volumesFrom);
        links = List.copyOf(links);
        dependsOn = List.copyOf(dependsOn);
        ports = List.copyOf(ports);
        extraHosts = List.copyOf(extraHosts);
        capAdd = List.copyOf(capAdd);
    }

    public String nameText() {
        return name.value();
    }

    public boolean isCached() {
        return cached != null && cached.value();
    }

    public boolean hasDocker() {
        return addDocker != null && addDocker.value();
    }
}
