package io.jenkins.plugins.registrysteps;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.registrysteps.engine.auth.SuppliedLogins;
import io.jenkins.plugins.registrysteps.engine.crypt.SecretMasker;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import jenkins.MasterToSlaveFileCallable;

/** The agent's part of {@code registryPush}: the push itself, its lines in the build log with every secret masked. */
final class PushCallable extends MasterToSlaveFileCallable<PushRecord> {

    private static final long serialVersionUID = 1L;

    private final PushSpec spec;
    private final SuppliedLogins logins;
    private final HashMap<String, String> env;
    private final TaskListener listener;

    PushCallable(PushSpec spec, SuppliedLogins logins, HashMap<String, String> env, TaskListener listener) {
        this.spec = spec;
        this.logins = logins;
        this.env = env;
        this.listener = listener;
    }

    /** @return what the registry stored: digest and size */
    @Override
    public PushRecord invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        SecretMasker masker = logins.masker();
        PrintStream log = listener.getLogger();
        try {
            return PushRecord.of(RegistryPushStep.FUNCTION,
                    EngineBridge.push(spec, env, logins, masker, line -> log.println(masker.mask(line))), null, null);
        } catch (AbortException e) {
            throw e;
        } catch (IOException e) {
            throw new AbortException(RegistryPushStep.FUNCTION + ": " + masker.mask(String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            throw EngineBridge.unexpected(RegistryPushStep.FUNCTION, e, masker, log);
        }
    }
}
