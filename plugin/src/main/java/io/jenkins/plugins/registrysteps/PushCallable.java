package io.jenkins.plugins.registrysteps;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.registrysteps.engine.crypt.SecretMasker;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import jenkins.MasterToSlaveFileCallable;

/** The agent's part of {@code registryPush}: the push itself, its lines in the build log with every secret masked. */
final class PushCallable extends MasterToSlaveFileCallable<String> {

    private static final long serialVersionUID = 1L;

    private final PushSpec spec;
    private final RegistryLogins logins;
    private final HashMap<String, String> env;
    private final TaskListener listener;

    PushCallable(PushSpec spec, RegistryLogins logins, HashMap<String, String> env, TaskListener listener) {
        this.spec = spec;
        this.logins = logins;
        this.env = env;
        this.listener = listener;
    }

    /** @return the digest the registry stored */
    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        SecretMasker masker = logins.masker();
        PrintStream log = listener.getLogger();
        try {
            return EngineBridge.push(spec, env, logins, masker, line -> log.println(masker.mask(line)));
        } catch (AbortException e) {
            throw e;
        } catch (IOException e) {
            throw new AbortException(RegistryPushStep.FUNCTION + ": " + masker.mask(String.valueOf(e.getMessage())));
        }
    }
}
