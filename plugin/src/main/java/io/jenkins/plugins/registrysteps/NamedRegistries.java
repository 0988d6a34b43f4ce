package io.jenkins.plugins.registrysteps;

import hudson.AbortException;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.model.Run;
import io.jenkins.plugins.registrysteps.engine.auth.SuppliedLogins;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The registries known by name, set on the global configuration page or by Configuration as Code
 * ({@code unclassified: registrySteps: registries: [...]}). A push's {@code registry} may name one; a push to a host
 * uses the credentials of that host's named registry (its primary one when there are several).
 */
@Extension
@Symbol("registrySteps")
public class NamedRegistries extends GlobalConfiguration {

    private List<NamedRegistry> registries = new ArrayList<>();

    public NamedRegistries() {
        load();
    }

    public static NamedRegistries get() {
        return ExtensionList.lookupSingleton(NamedRegistries.class);
    }

    public List<NamedRegistry> getRegistries() {
        return new ArrayList<>(registries);
    }

    @DataBoundSetter
    public void setRegistries(List<NamedRegistry> registries) {
        this.registries = new ArrayList<>(Util.fixNull(registries));
        save();
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        List<NamedRegistry> submitted = json.has("registries")
                ? req.bindJSONToList(NamedRegistry.class, json.get("registries")) : List.of();
        String problem = problem(submitted);
        if (problem != null) {
            throw new FormException(problem, "registries");
        }
        setRegistries(submitted);
        return true;
    }

    Optional<NamedRegistry> byName(String name) {
        return registries.stream().filter(registry -> registry.getName() != null && registry.getName().equals(name))
                .findFirst();
    }

    /** The named registry for a host: the only one, else the primary one; none when the host has none. */
    Optional<NamedRegistry> forHost(String host) throws AbortException {
        List<NamedRegistry> onHost = registries.stream().filter(registry -> registry.getDomain() != null
                && registry.host().equals(host)).toList();
        if (onHost.size() <= 1) {
            return onHost.stream().findFirst();
        }
        return Optional.of(onHost.stream().filter(NamedRegistry::isPrimary).findFirst().orElseThrow(() ->
                new AbortException(onHost.size() + " named registries are on " + host + " (" + names(onHost)
                        + ") and none is primary: mark one primary in Manage Jenkins > System")));
    }

    /** The logins of the named registry for {@code host}, if it has credentials. */
    SuppliedLogins loginsFor(Run<?, ?> run, String host) throws IOException {
        Optional<NamedRegistry> registry = forHost(host);
        if (registry.isEmpty() || registry.get().getCredentialsId() == null) {
            return new SuppliedLogins(CredentialLookup.SOURCE);
        }
        return CredentialLookup.logins(run, registry.get().getCredentialsId(), host);
    }

    /** Why a list cannot be saved: a registry without name or domain, a name twice, two primaries on one domain. */
    static String problem(List<NamedRegistry> registries) {
        Set<String> names = new HashSet<>();
        Set<String> primaries = new HashSet<>();
        for (NamedRegistry registry : registries) {
            if (registry.getName() == null || registry.getDomain() == null) {
                return "every named registry needs a name and a domain";
            }
            if (!names.add(registry.getName())) {
                return "two named registries are called \"" + registry.getName() + "\": give each its own name";
            }
            if (registry.isPrimary() && !primaries.add(registry.host())) {
                return "two named registries on " + registry.host() + " are primary: mark only one";
            }
        }
        return null;
    }

    private static String names(List<NamedRegistry> registries) {
        return registries.stream().map(NamedRegistry::getName).collect(Collectors.joining(", "));
    }
}
