package io.jenkins.plugins.registrysteps;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One image a build pushed: where (registry, repository), under which tags, the digest the registry stored, its size
 * when known, and the commit and branch it was built from. Shown on the build page and returned to Pipeline.
 */
public final class PushRecord implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The size is not known: a record kept by an earlier version of the plugin. */
    public static final long UNKNOWN_SIZE = -1;

    private final String step;
    private final String registry;
    private final String repository;
    private final ArrayList<String> tags;
    private final String digest;
    private final long size;
    private final String commit;
    private final String branch;

    PushRecord(String step, String registry, String repository, List<String> tags, String digest, long size,
            String commit, String branch) {
        this.step = step;
        this.registry = registry;
        this.repository = repository;
        this.tags = new ArrayList<>(tags);
        this.digest = digest;
        this.size = size;
        this.commit = commit;
        this.branch = branch;
    }

    /** What the engine pushed for {@code step}, seen from the build's commit and branch. */
    static PushRecord of(String step, io.jenkins.plugins.registrysteps.engine.run.PushRecord push, String commit,
            String branch) {
        return new PushRecord(step, push.registry(), push.repository(), push.tags(), push.digest(), push.size(), commit,
                branch);
    }

    /** The same push, seen from the build it belongs to. */
    PushRecord withBuild(String buildCommit, String buildBranch) {
        return new PushRecord(step, registry, repository, tags, digest, size, buildCommit, buildBranch);
    }

    public String getStep() {
        return step;
    }

    public String getRegistry() {
        return registry;
    }

    public String getRepository() {
        return repository;
    }

    public List<String> getTags() {
        return new ArrayList<>(tags);
    }

    public String getDigest() {
        return digest;
    }

    public long getSize() {
        return size;
    }

    public String getCommit() {
        return commit;
    }

    public String getBranch() {
        return branch;
    }

    /** {@code registry/repository@digest}: pulls exactly what was pushed. */
    public String getReference() {
        return registry + "/" + repository + "@" + digest;
    }

    /** The map Pipeline scripts receive; plain types only, so CPS can keep it. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("step", step);
        map.put("registry", registry);
        map.put("repository", repository);
        map.put("tags", new ArrayList<>(tags));
        map.put("digest", digest);
        map.put("size", size);
        map.put("commit", commit);
        map.put("branch", branch);
        return map;
    }

    @Override
    public String toString() {
        return registry + "/" + repository + ":" + String.join(",", tags) + "@" + digest;
    }
}
